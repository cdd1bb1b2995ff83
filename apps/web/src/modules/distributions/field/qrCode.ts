/**
 * Recognising an invitation's QR code on the phone with no signal. The phone never holds
 * the tokens, only `qrHash` per recipient row: hex SHA-256 of
 * "pilar-distribution-qr:<event id>:<token>" (made on the server in recipient.sync.ts).
 * A scanned or typed code is hashed the same way and compared; the check-in then sends
 * the code itself so the server verifies it.
 */

const PREFIX = 'pilar-distribution-qr:';

/** What a person may type from under the QR: spaces and line breaks are dropped, letters keep their case. */
export const normaliseCode = (raw: string) => raw.replace(/\s+/g, '');

export async function qrHash(eventId: string, code: string): Promise<string> {
  const bytes = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${PREFIX}${eventId}:${code}`));
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(image: ImageBitmapSource): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorClass = new (options?: { formats?: string[] }) => BarcodeDetectorLike;

const detectorClass = (): BarcodeDetectorClass | undefined =>
  (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;

/** Whether this browser can read QR codes from a photo (Chrome on Android can; desktop Linux cannot). */
export const canScan = () => detectorClass() !== undefined;

/** The text of the first QR code in a camera photo, or null when none was found. */
export async function readQrFromPhoto(photo: Blob): Promise<string | null> {
  const Detector = detectorClass();
  if (!Detector) return null;
  const bitmap = await createImageBitmap(photo);
  try {
    const found = await new Detector({ formats: ['qr_code'] }).detect(bitmap);
    return found[0]?.rawValue ?? null;
  } finally {
    bitmap.close();
  }
}
