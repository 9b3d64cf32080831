import QRCode from "qrcode";

/** Modules of blank margin round the code, as the QR standard asks, so a scanner finds its edges on paper. */
const QUIET_ZONE = 4;

/**
 * A QR code for `text` as inline SVG: one path of dark modules, so it prints sharp at any size and needs no
 * image request or canvas. Error correction M survives a crease or a smudge on a printed certificate.
 */
export function QrCode({ text }: { text: string }) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const size = modules.size + QUIET_ZONE * 2;
  let path = "";
  for (let row = 0; row < modules.size; row += 1) {
    for (let column = 0; column < modules.size; column += 1) {
      if (modules.get(row, column)) path += `M${column + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`;
    }
  }
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${size} ${size}`}
      shapeRendering="crispEdges"
      focusable="false"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#0b0c0c" />
    </svg>
  );
}
