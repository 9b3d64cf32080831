import "@stalking-response/ui/styles.css";
import "./app.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app";
import { SessionProvider } from "./session/session";

// GOV.UK Frontend styles its enhanced components only when it knows scripts run.
document.body.classList.add("js-enabled", "govuk-frontend-supported");

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
createRoot(root).render(
  <StrictMode>
    <SessionProvider>
      <App />
    </SessionProvider>
  </StrictMode>,
);
