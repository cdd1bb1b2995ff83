/**
 * Photos are made small on the phone before they wait in IndexedDB and travel over a
 * weak signal: at most 1280 px on the long side, JPEG quality 0.7 (a 4 MB camera photo
 * becomes ~150–300 KB).
 */
export const MAX_SIDE = 1280;
export const QUALITY = 0.7;

export async function compressPhoto(file: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(file);
  try {
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const w = Math.max(1, Math.round(bitmap.width * scale));
    const h = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const g = canvas.getContext('2d');
    if (!g) return file;
    g.drawImage(bitmap, 0, 0, w, h);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', QUALITY));
    return blob ?? file;
  } finally {
    bitmap.close();
  }
}
