import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

function App() {
  return (
    <main id="main-content">
      <h1>Stalking training</h1>
    </main>
  );
}

const root = document.getElementById("root");
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
