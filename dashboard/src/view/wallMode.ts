import type { PageShell } from './pageShell.ts';

/** On a wall screen (大屏), each category is on screen this long before the next. */
export const WALL_ROTATE_MS = 15_000;

/** The wall mode while it is on: `update()` after the figures are redrawn, `stop()` to leave it. */
export interface WallMode {
  update(): void;
  stop(): void;
}

/**
 * 大屏 (`?mode=wall` or the 大屏 button): large type for a 3840×2160 screen across a room, the key
 * indicators and the charts always shown, and the categories taking turns below them, one every
 * `WALL_ROTATE_MS`. The page's own refresh keeps the figures current.
 */
export function startWallMode(shell: PageShell): WallMode {
  document.body.classList.add('wall');
  let index = 0;
  const groups = () => [...shell.headline.querySelectorAll<HTMLDetailsElement>('details.group')];
  const show = () => {
    const all = groups();
    if (all.length === 0) return;
    const current = all[index % all.length]!;
    for (const group of all) group.classList.toggle('on-air', group === current);
    current.open = true;
    shell.headline.dataset.onAir = current.dataset.category ?? '';
  };
  const timer = setInterval(() => {
    index += 1;
    show();
  }, WALL_ROTATE_MS);
  show();
  return {
    update: show,
    stop() {
      clearInterval(timer);
      document.body.classList.remove('wall');
      for (const group of groups()) group.classList.remove('on-air');
      delete shell.headline.dataset.onAir;
    },
  };
}
