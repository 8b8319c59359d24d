import fs from 'node:fs';
import path from 'node:path';
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Protection of personal data at rest: AES-256-GCM for values that must be recoverable (ID numbers),
 * HMAC-SHA256 for exact-match lookups without decrypting. The key comes from WEIJIAN_SECRET_KEY
 * (64 hex chars) or a key file created once in the data directory.
 */
let key: Buffer | null = null;

export function initSecretKey(opts: { secretKey?: string; dataDir?: string }): void {
  if (opts.secretKey) {
    key = Buffer.from(opts.secretKey, 'hex');
    if (key.length !== 32) throw new Error('WEIJIAN_SECRET_KEY must be 64 hexadecimal characters');
    return;
  }
  if (!opts.dataDir) throw new Error('No secret key: set WEIJIAN_SECRET_KEY or give a data directory');
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const file = path.join(opts.dataDir, 'secret.key');
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
}

function getKey(): Buffer {
  if (!key) throw new Error('secret key not initialised');
  return key;
}

export function encryptField(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', getKey(), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join('.');
}

export function decryptField(stored: string): string {
  const [v, iv, tag, data] = stored.split('.');
  if (v !== 'v1') throw new Error('unknown ciphertext version');
  const decipher = createDecipheriv('aes-256-gcm', getKey(), Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
}

export const lookupHash = (plain: string): string => createHmac('sha256', getKey()).update(plain).digest('hex');
