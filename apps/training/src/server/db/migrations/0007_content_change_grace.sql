-- How long a force gives learners to renew after a material change to a module they passed (issue 13).
-- Trainers and admins set it; 90 days unless they do. Renew-by = the change's date + this many days.
ALTER TABLE forces ADD COLUMN content_change_grace_days integer NOT NULL DEFAULT 90
  CONSTRAINT forces_content_change_grace_days_range CHECK (content_change_grace_days BETWEEN 0 AND 366);
