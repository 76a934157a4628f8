// The dashboard's shell: sign-in with an API token, the views the role is offered, and the URL
// that holds the view and its filters. The server enforces every access rule; the shell only
// leaves out what the server would refuse.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, getJson, prefetchAll, storedToken, storeToken } from './api';
import { direction, setLanguage, t, type MessageKey } from './i18n';
import { mayOpen, type Whoami } from './roles';
import { forgetGeometry, loadGeometry } from './scenario';
import { formatHash, parseHash, switchView, VIEW_IDS, withParams, type UrlState, type ViewId } from './url_state';
import { CommissionView } from './views/commission_view';
import { ForceView } from './views/force_view';
import { GuaranteesView } from './views/guarantees_view';
import { LedgerView } from './views/ledger_view';
import { mapQuery, MapView } from './views/map_view';
import { MonitoringView } from './views/monitoring_view';
import { SupportView } from './views/support_view';
import type { ViewProps } from './views/view_props';

const VIEWS: Record<ViewId, (p: ViewProps) => preact.JSX.Element> = {
  map: MapView,
  monitoring: MonitoringView,
  commission: CommissionView,
  force: ForceView,
  guarantees: GuaranteesView,
  support: SupportView,
  ledger: LedgerView,
};

function useUrlState(): [UrlState, (s: UrlState, replace?: boolean) => void] {
  const [state, setState] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const on = () => setState(parseHash(location.hash));
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  const navigate = (s: UrlState, replace = false) => {
    const hash = formatHash(s);
    if (hash === location.hash) return;
    if (replace) {
      history.replaceState(null, '', hash);
      setState(parseHash(hash));
    } else {
      location.hash = hash;
    }
  };
  return [state, navigate];
}

export function App() {
  const [state, navigate] = useUrlState();
  const [who, setWho] = useState<Whoami | null>(null);
  const [checking, setChecking] = useState(() => storedToken() !== null);
  const main = useRef<HTMLElement>(null);
  const dir = direction(state.params.dir, state.params.lang);

  setLanguage(state.params.lang); // before the views render their text
  useEffect(() => {
    document.documentElement.dir = dir;
    document.documentElement.lang = state.params.lang ?? 'en';
  }, [dir, state.params.lang]);

  useEffect(() => {
    const token = storedToken();
    if (!token) return;
    // In parallel with the sign-in check: what the map draws first.
    loadGeometry().catch(() => undefined);
    if (state.view === 'map') prefetchAll(...mapQuery(state.params));
    getJson<Whoami>('/v1/whoami', token).then(
      (w) => {
        setWho(w);
        setChecking(false);
      },
      () => {
        storeToken(null);
        forgetGeometry();
        setChecking(false);
      },
    );
  }, []);

  const signOut = () => {
    storeToken(null);
    forgetGeometry();
    setWho(null);
  };

  if (!who) return checking ? <p class="boot">{t('loading')}</p> : <Login onSignedIn={setWho} />;

  const View = VIEWS[state.view];
  const setParams = (changes: Record<string, string | undefined>, replace = false) => navigate(withParams(state, changes), replace);
  const rtlState = withParams(state, { dir: dir === 'rtl' ? undefined : 'rtl' });
  return (
    <div class="shell">
      <a
        class="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          main.current?.focus();
        }}
      >
        {t('skip')}
      </a>
      <header class="topbar">
        <span class="brand">{t('app')}</span>
        <span class="who" data-testid="whoami">
          {who.user} · {who.role} · {who.organisation}
        </span>
        <a class="dir-toggle" href={formatHash(rtlState)} data-testid="dir-toggle">
          {dir === 'rtl' ? 'Left-to-right layout' : t('direction')}
        </a>
        <button type="button" onClick={signOut}>
          {t('signOut')}
        </button>
      </header>
      <nav class="sidenav" aria-label={t('views')}>
        <ul>
          {VIEW_IDS.filter((v) => mayOpen(who.role, v)).map((v) => (
            <li key={v}>
              <a href={formatHash(switchView(state, v))} aria-current={state.view === v ? 'page' : undefined} data-view={v}>
                {t(`view.${v}` as MessageKey)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" ref={main} tabIndex={-1} data-view={state.view}>
        {mayOpen(who.role, state.view) ? (
          <View key={state.view} state={state} setParams={setParams} who={who} />
        ) : (
          <p role="alert" data-testid="not-allowed">
            {t('notAllowed')}
          </p>
        )}
      </main>
    </div>
  );
}

function Login({ onSignedIn }: { onSignedIn: (w: Whoami) => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      const w = await getJson<Whoami>('/v1/whoami', token.trim());
      storeToken(token.trim());
      onSignedIn(w);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? 'This token is not valid.' : String((err as Error).message));
    } finally {
      setBusy(false);
    }
  }
  return (
    <main class="login" id="main">
      <h1>{t('app')}</h1>
      <form onSubmit={submit} aria-labelledby="login-heading">
        <h2 id="login-heading">{t('signIn')}</h2>
        <label class="field" for="token">
          <span>{t('token')}</span>
        </label>
        <input id="token" name="token" type="password" autoComplete="off" required value={token} onInput={(e) => setToken((e.target as HTMLInputElement).value)} aria-describedby="token-help" />
        <p id="token-help" class="note">
          {t('tokenHelp')}
        </p>
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy || token.trim() === ''}>
          {t('signIn')}
        </button>
      </form>
    </main>
  );
}
