import "@stalking-response/ui/styles.css";
import { createRoot } from "react-dom/client";
import { playerDataElementId, type PlayerData } from "../player-data";
import { cmi5Tracker, readCmi5Launch } from "./cmi5-tracker";
import { Player } from "./player";
import { findScorm12Api, scorm12Tracker } from "./scorm12-tracker";
import type { Tracker } from "./tracker";

// The page embeds the module; the player never fetches content.
const dataElement = document.getElementById(playerDataElementId);
const root = document.getElementById("srt-player");
if (dataElement?.textContent && root) {
  const data = JSON.parse(dataElement.textContent) as PlayerData;
  let tracker: Tracker | null = null;
  let problem: string | undefined;
  if (data.standard === "scorm12") {
    const api = findScorm12Api(window);
    if (api) tracker = scorm12Tracker(api);
    else problem = "No SCORM 1.2 learning platform was found, so your progress and result are not recorded.";
  } else {
    const launch = readCmi5Launch(window.location.search);
    if (launch) tracker = cmi5Tracker(launch);
    else
      problem =
        "This module was not launched by a cmi5 learning platform, so your progress and result are not recorded.";
  }
  createRoot(root).render(<Player data={data} tracker={tracker} trackerProblem={problem} />);
}
