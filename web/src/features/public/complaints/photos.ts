/**
 * Photos are compressed on the phone before upload (browser-image-compression, loaded only when a photo is picked):
 * at most 1 MB and 2048 px on the longer side, JPEG quality about 0.8 — enough to read a licence on the wall or see
 * dirt on a towel, a tenth of the bytes of a phone camera's original. Re-encoding also drops the photo's EXIF
 * block (GPS position, device): the complainant gives the place in the form, the photo does not give away where they
 * live. A format the browser cannot re-encode (HEIC, GIF) is sent as taken; so is a photo the compression would not
 * make smaller. The server still checks every file's bytes (rules.ts imageType).
 */
export interface PreparedPhoto { file: File; originalSize: number; compressed: boolean; preview: string }

const REENCODE = /^image\/(jpeg|png|webp)$/;
/** Below this a photo is sent as it is. */
const SMALL = 300 * 1024;

export async function preparePhoto(file: File, maxBytes: number): Promise<PreparedPhoto> {
  const keep = (): PreparedPhoto => ({ file, originalSize: file.size, compressed: false, preview: URL.createObjectURL(file) });
  if (!REENCODE.test(file.type) || file.size <= SMALL) return keep();
  try {
    const { default: imageCompression } = await import('browser-image-compression');
    const out = await imageCompression(file, {
      maxSizeMB: Math.min(1, maxBytes / 1024 / 1024),
      maxWidthOrHeight: 2048,
      initialQuality: 0.8,
      // the worker would load the library from a CDN, which the Content-Security-Policy (and a closed network) forbid
      useWebWorker: false,
      fileType: file.type === 'image/png' ? 'image/png' : 'image/jpeg',
    });
    if (out.size >= file.size) return keep();
    const name = file.type === 'image/png' ? file.name : file.name.replace(/\.(jpe?g|webp)$/i, '') + '.jpg';
    const compressed = new File([out], name, { type: out.type || 'image/jpeg', lastModified: file.lastModified });
    return { file: compressed, originalSize: file.size, compressed: true, preview: URL.createObjectURL(compressed) };
  } catch {
    return keep();
  }
}
