/**
 * Fonts for the PDF of a document. The body is 仿宋 where a FangSong font is installed (simfang.ttf from
 * Windows, or a 仿宋_GB2312 file an agency installs under /usr/share/fonts or names in WEIJIAN_FANGSONG_FONT);
 * otherwise Noto Serif SC from npm (@expo-google-fonts/noto-serif-sc: Google's full static TTFs, SIL OFL 1.1,
 * all 6,763 hanzi of GB 2312 and the CJK punctuation), so a fresh `npm install` prints documents without any
 * system font. Headings (黑体 / bold) use Noto Serif SC Bold.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

export interface PdfFontSet {
  regular: Buffer;
  bold: Buffer;
  /** Where the body font came from (shown in the README and the bench). */
  regularSource: string;
}

const require = createRequire(import.meta.url);
const NOTO = '@expo-google-fonts/noto-serif-sc';

const FANGSONG_RE = /^(simfang|fangsong|fang_song|仿宋).*\.(ttf|otf)$/i;
const FONT_DIRS = ['/usr/share/fonts', '/usr/local/share/fonts', path.join(process.env.HOME ?? '/root', '.fonts'), 'C:\\Windows\\Fonts', '/Library/Fonts'];

function findFangSong(): string | null {
  const configured = process.env.WEIJIAN_FANGSONG_FONT;
  if (configured && fs.existsSync(configured)) return configured;
  const stack = FONT_DIRS.filter((d) => fs.existsSync(d));
  let visited = 0;
  while (stack.length && visited < 5000) {
    const dir = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      visited++;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) stack.push(full);
      else if (FANGSONG_RE.test(e.name)) return full;
    }
  }
  return null;
}

let cached: PdfFontSet | null = null;

export function pdfFonts(): PdfFontSet {
  if (cached) return cached;
  const noto = (weight: string) => require.resolve(`${NOTO}/${weight}/NotoSerifSC_${weight}.ttf`);
  const fangsong = findFangSong();
  const regularPath = fangsong ?? noto('400Regular');
  cached = {
    regular: fs.readFileSync(regularPath),
    bold: fs.readFileSync(noto('700Bold')),
    regularSource: fangsong ? `system FangSong (${fangsong})` : 'Noto Serif SC (npm @expo-google-fonts/noto-serif-sc)',
  };
  return cached;
}
