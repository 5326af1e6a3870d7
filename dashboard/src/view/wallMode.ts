import type { PageShell } from './pageShell.ts';

/** On a wall screen (大屏), each category (or each screenful of a long one) is on screen this long before the next. */
export const WALL_ROTATE_MS = 15_000;

/** The wall mode while it is on: `update()` after the figures are redrawn, `stop()` to leave it. */
export interface WallMode {
  update(): void;
  stop(): void;
}

/**
 * 大屏 (`?mode=wall` or the 大屏 button): large type for a 3840×2160 screen across a room, the key
 * indicators and the charts always shown, and the categories taking turns below them, one every
 * `WALL_ROTATE_MS`. Nobody scrolls a wall screen: a category whose cards do not all fit below the key
 * indicators (产业共兴's eight, or any when a banner takes a line) is shown a screenful at a time, the
 * cards that fell below the screen's edge on the next turn (its heading then says 续). The page's own
 * refresh keeps the figures current.
 */
export function startWallMode(shell: PageShell): WallMode {
  document.body.classList.add('wall');
  /** The category on air, its first card on air, and the first card that did not fit (shown next), if any. */
  let index = 0;
  let first = 0;
  let next: number | null = null;
  const groups = () => [...shell.headline.querySelectorAll<HTMLDetailsElement>('details.group')];
  const show = () => {
    const all = groups();
    if (all.length === 0) return;
    const current = all[index % all.length]!;
    for (const group of all) {
      group.classList.toggle('on-air', group === current);
      group.classList.remove('continued');
    }
    current.open = true;
    shell.headline.dataset.onAir = current.dataset.category ?? '';
    const cards = [...current.querySelectorAll<HTMLElement>('.figure')];
    if (first >= cards.length) first = 0; // redrawn with fewer cards
    current.classList.toggle('continued', first > 0);
    cards.forEach((card, i) => card.classList.toggle('off-air', i < first));
    // The first card (after the first one shown) whose bottom lies below the key indicators' box
    // (the figures' panel less its head, the page the screen's height: it ends above the panel's
    // foot and the footer) waits, with the rest, for the next turn.
    // A narrow screen's wall scrolls (styles.css): its category is below the first screen, and each
    // card would have had a turn of its own.
    const scrolls = document.documentElement.scrollHeight > window.innerHeight;
    const bottom = scrolls ? shell.headline.getBoundingClientRect().bottom : Math.min(window.innerHeight, shell.headline.getBoundingClientRect().bottom);
    const cut = cards.findIndex((card, i) => i > first && card.getBoundingClientRect().bottom > bottom);
    next = cut === -1 ? null : cut;
    if (next !== null) cards.forEach((card, i) => i >= next! && card.classList.add('off-air'));
  };
  const timer = setInterval(() => {
    if (next !== null) first = next;
    else {
      index += 1;
      first = 0;
    }
    show();
  }, WALL_ROTATE_MS);
  show();
  return {
    update: show,
    stop() {
      clearInterval(timer);
      document.body.classList.remove('wall');
      for (const group of groups()) group.classList.remove('on-air', 'continued');
      for (const card of shell.headline.querySelectorAll('.figure.off-air')) card.classList.remove('off-air');
      delete shell.headline.dataset.onAir;
    },
  };
}
