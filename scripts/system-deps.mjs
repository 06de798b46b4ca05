// Installs what the tests need from outside npm: Debian's chromium (for the browser tests)
// and a CJK font (fonts-noto-cjk), without which zh-CN screenshots show boxes, not characters.
// Runs apt-get as root, or through passwordless sudo; otherwise says what to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.HEATFUNNEL_CHROMIUM ?? '/usr/bin/chromium';

function asRoot(args) {
  const isRoot = process.getuid?.() === 0;
  const [cmd, rest] = isRoot ? [args[0], args.slice(1)] : ['sudo', ['-n', ...args]];
  const result = spawnSync(cmd, rest, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

/** Makes sure Chromium (and a CJK font for it) is installed; exits with instructions when it cannot be. */
export function ensureChromium() {
  installChromium();
  // After Chromium, which brings fontconfig (what the font check asks).
  ensureCjkFont();
}

function installChromium() {
  if (existsSync(CHROMIUM)) return;
  console.log(`heatfunnel: ${CHROMIUM} is missing; installing Debian's chromium package (about 20 s)`);
  const ok = asRoot(['apt-get', 'update', '-qq']) && asRoot(['apt-get', 'install', '-y', '-qq', 'chromium']);
  if (!ok || !existsSync(CHROMIUM)) {
    console.error(
      'heatfunnel: could not install Chromium. Install it yourself (`sudo apt-get install chromium` on Debian/Ubuntu)\n' +
        'or point HEATFUNNEL_CHROMIUM at a Chromium binary, then run `npm test` again. The browser tests do not skip.',
    );
    process.exit(1);
  }
}

/** Where Debian's fonts-noto-cjk puts its sans font, for machines without fontconfig's fc-list. */
const NOTO_CJK = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

/** Whether a font that covers Simplified Chinese is installed (fontconfig's view, else Noto CJK's file). */
export function hasCjkFont() {
  const result = spawnSync('fc-list', [':lang=zh-cn', 'family'], { encoding: 'utf8' });
  if (result.error) return existsSync(NOTO_CJK);
  return result.status === 0 && result.stdout.trim().length > 0;
}

/** Installs Debian's fonts-noto-cjk when no Chinese font is present; exits with instructions when it cannot. */
export function ensureCjkFont() {
  if (hasCjkFont()) return;
  console.log("heatfunnel: no Chinese font found; installing Debian's fonts-noto-cjk (about 55 MB)");
  const ok =
    asRoot(['apt-get', 'update', '-qq']) &&
    asRoot(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'fonts-noto-cjk']);
  if (!ok || !hasCjkFont()) {
    console.error(
      'heatfunnel: could not install a Chinese font. Install one yourself (`sudo apt-get install fonts-noto-cjk`\n' +
        'on Debian/Ubuntu), then run `npm test` again: zh-CN screenshots would show boxes instead of characters.',
    );
    process.exit(1);
  }
}
