import type { PackagedModule } from "./selection";
import { playerDataElementId, type PlayerData, type Standard } from "./player-data";
import { escapeXml } from "./xml";

/** JSON placed inside `<script>`: `<` is escaped so no text can close the element early. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

/**
 * The HTML page of one module (a SCORM SCO or a cmi5 AU), which loads the shared player from `../shared/`.
 * SCORM pages forbid network connections outright through their Content Security Policy: everything they need is
 * in the zip, and the run-time is reached through `window.API`, not the network.
 */
export function modulePage(packaged: PackagedModule, standard: Standard, courseTitle: string): string {
  const data: PlayerData = {
    standard,
    courseTitle,
    module: packaged.module,
    sources: packaged.sources,
    ...(packaged.localPolicyForce === undefined ? {} : { localPolicyForce: packaged.localPolicyForce }),
  };
  const connect = standard === "scorm12" ? "'none'" : "*";
  return `<!doctype html>
<html lang="en" class="govuk-template">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; connect-src ${connect}; object-src 'none'; base-uri 'none'">
<title>${escapeXml(packaged.module.title)}</title>
<link rel="stylesheet" href="../shared/player.css">
<script type="application/json" id="${playerDataElementId}">${scriptJson(data)}</script>
<script src="../shared/player.js" defer></script>
</head>
<body class="govuk-template__body govuk-frontend-supported">
<div id="srt-player"><noscript><p class="govuk-body">This module needs JavaScript to run.</p></noscript></div>
</body>
</html>
`;
}
