// Light or dark: the system's preference (prefers-color-scheme) until the person presses the toggle
// in the header; their choice is kept in localStorage and set as data-theme on <html>, which the
// stylesheet's variables follow.
import { h } from './dom.ts';

const KEY = 'adnavi.theme';
type Theme = 'light' | 'dark';

function stored(): Theme | null {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : null;
  } catch {
    return null; // storage blocked: follow the system
  }
}

function systemTheme(): Theme {
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function currentTheme(): Theme {
  return stored() ?? systemTheme();
}

/** Applies a stored choice before the first paint of the app. */
export function applyStoredTheme(): void {
  const theme = stored();
  if (theme) document.documentElement.dataset.theme = theme;
}

/** A header button, pressed while dark; pressing it stores the other theme. */
export function themeToggle(): HTMLElement {
  const button = h(
    'button',
    { type: 'button', class: 'link theme-toggle' },
    h('span', { 'aria-hidden': 'true' }, '☾ '),
    'Dark mode',
  );
  const show = () => button.setAttribute('aria-pressed', String(currentTheme() === 'dark'));
  button.addEventListener('click', () => {
    const next: Theme = currentTheme() === 'dark' ? 'light' : 'dark';
    document.documentElement.dataset.theme = next;
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // storage blocked: the choice lasts for this page only
    }
    show();
  });
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', show);
  show();
  return button;
}
