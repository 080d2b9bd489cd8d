// The sign-in page shown instead of the app when the server requires a session (any address other
// than loopback). One form in two modes: sign in, or create an account. The API's message shows in an
// alert and each named field gets its own message, so the person knows what to fix.
import { ApiError, type FieldIssue, postJson } from './api.ts';
import { h } from './dom.ts';

type Mode = 'signin' | 'signup';

const TEXT: Record<Mode, { title: string; submit: string; switchPrompt: string; switchLink: string }> = {
  signin: {
    title: 'Sign in to AdNavi',
    submit: 'Sign in',
    switchPrompt: 'New here?',
    switchLink: 'Create an account',
  },
  signup: {
    title: 'Create your AdNavi account',
    submit: 'Create account',
    switchPrompt: 'Already have an account?',
    switchLink: 'Sign in instead',
  },
};

interface Field {
  wrap: HTMLElement;
  input: HTMLInputElement;
  error: HTMLElement;
}

export class SignInPage {
  readonly el: HTMLElement;
  private mode: Mode = 'signin';
  private readonly title: HTMLElement;
  private readonly alert: HTMLElement;
  private readonly submit: HTMLButtonElement;
  private readonly switchPrompt: HTMLElement;
  private readonly switchLink: HTMLAnchorElement;
  private readonly fields: Record<'name' | 'email' | 'password', Field>;

  constructor(private readonly onSignedIn: () => void) {
    this.fields = {
      name: field('name', 'Name (optional)', { type: 'text', autocomplete: 'name', maxlength: 100 }),
      email: field('email', 'Email', { type: 'email', autocomplete: 'email', required: true }),
      password: field('password', 'Password', {
        type: 'password',
        autocomplete: 'current-password',
        required: true,
      }),
    };
    this.title = h('h1', { id: 'signin-title' });
    this.alert = h('div', { class: 'alert error', role: 'alert', hidden: true });
    this.submit = h('button', { type: 'submit', class: 'primary' });
    this.switchPrompt = h('span', {});
    this.switchLink = h('a', { href: '#', onclick: (ev: Event) => this.toggle(ev) });
    const form = h(
      'form',
      { class: 'signin-form', novalidate: true, onsubmit: (ev: Event) => void this.onSubmit(ev) },
      this.alert,
      this.fields.name.wrap,
      this.fields.email.wrap,
      this.fields.password.wrap,
      this.submit,
    );
    this.el = h(
      'section',
      { class: 'page signin-page card', 'aria-labelledby': 'signin-title' },
      this.title,
      form,
      h('p', { class: 'switch' }, this.switchPrompt, ' ', this.switchLink),
    );
    this.setMode('signin');
  }

  focus(): void {
    this.fields.email.input.focus();
  }

  private toggle(ev: Event): void {
    ev.preventDefault();
    this.setMode(this.mode === 'signin' ? 'signup' : 'signin');
    (this.mode === 'signup' ? this.fields.name.input : this.fields.email.input).focus();
  }

  private setMode(mode: Mode): void {
    this.mode = mode;
    const t = TEXT[mode];
    this.title.textContent = t.title;
    this.submit.textContent = t.submit;
    this.switchPrompt.textContent = t.switchPrompt;
    this.switchLink.textContent = t.switchLink;
    this.fields.name.wrap.hidden = mode === 'signin';
    const password = this.fields.password.input;
    password.autocomplete = mode === 'signup' ? 'new-password' : 'current-password';
    this.fields.password.error.textContent = '';
    const hint = this.fields.password.wrap.querySelector('.hint') as HTMLElement;
    hint.hidden = mode === 'signin';
    this.showErrors('', []);
  }

  private async onSubmit(ev: Event): Promise<void> {
    ev.preventDefault();
    const email = this.fields.email.input.value.trim();
    const password = this.fields.password.input.value;
    const name = this.fields.name.input.value.trim();
    const body: Record<string, string> = { email, password };
    if (this.mode === 'signup' && name) body.name = name;
    this.submit.disabled = true;
    this.showErrors('', []);
    try {
      await postJson(this.mode === 'signup' ? '/api/auth/signup' : '/api/auth/login', body);
      this.onSignedIn();
    } catch (err) {
      const issues = err instanceof ApiError ? err.issues : [];
      this.showErrors(messageFor(err, this.mode), issues);
    } finally {
      this.submit.disabled = false;
    }
  }

  private showErrors(message: string, issues: FieldIssue[]): void {
    this.alert.textContent = message;
    this.alert.hidden = message === '';
    let first: HTMLInputElement | undefined;
    for (const [key, f] of Object.entries(this.fields)) {
      const issue = issues.find((i) => i.field === key);
      f.error.textContent = issue ? `${f.input.labels?.[0]?.textContent ?? key} ${issue.message}` : '';
      if (issue) f.input.setAttribute('aria-invalid', 'true');
      else f.input.removeAttribute('aria-invalid');
      if (issue && !first) first = f.input;
    }
    first?.focus();
  }
}

function messageFor(err: unknown, mode: Mode): string {
  if (!(err instanceof ApiError)) return 'Could not reach the server. Check your connection and try again.';
  if (err.issues.length > 0) return 'Please fix the fields marked below.';
  if (err.status === 409 && mode === 'signup') return `${err.message}. Sign in instead?`;
  return err.message.charAt(0).toUpperCase() + err.message.slice(1);
}

function field(id: string, label: string, attrs: Record<string, string | number | boolean>): Field {
  const inputId = `auth-${id}`;
  const errorId = `${inputId}-error`;
  const hintId = `${inputId}-hint`;
  const hint =
    id === 'password' ? h('p', { id: hintId, class: 'hint muted' }, 'At least 10 characters.') : null;
  const describedBy = hint ? `${errorId} ${hintId}` : errorId;
  const input = h('input', { id: inputId, name: id, 'aria-describedby': describedBy, ...attrs });
  const error = h('p', { id: errorId, class: 'field-error' });
  const wrap = h('div', { class: 'field' }, h('label', { for: inputId }, label), input, hint, error);
  return { wrap, input, error };
}
