-- Issue 19. Completions brought in from another platform (College Learn, a force's LMS) by CSV import: the
-- projection row remembers where the completion it holds came from, so the learner's record and the trainer's
-- evidence view can say so. NULL for a completion earned in this app.
ALTER TABLE completions ADD COLUMN completion_source text;
