import QRCode from 'qrcode';

/**
 * What the enrolment page shows beside the secret: the otpauth URI as a QR code, an SVG made
 * here on the server (no third party sees the secret), as a data URL the strict CSP allows
 * for images.
 */
export async function qrCodeDataUrl(otpauthUri: string): Promise<string> {
  const svg = await QRCode.toString(otpauthUri, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
  });
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

/**
 * The recovery codes as a text file to download from the page that shows them once: a data
 * URL, so the codes are never kept anywhere to be fetched again.
 */
export function recoveryCodesFile(codes: string[], heading: string): string {
  const body = `${heading}\n\n${codes.join('\n')}\n`;
  return `data:text/plain;charset=utf-8,${encodeURIComponent(body)}`;
}
