import { lazy, Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../store';
import { formatRoute, type Route } from './router';
import { Icon, type IconName } from '../ui/icon';
import { Toasts } from '../ui/toasts';
import { Banner } from '../ui/banner';
import { HomePage } from '../features/room/home-page';
import { DevicePage } from '../features/room/device-page';
import { Spinner } from '../ui/spinner';
import { ProfileBanner } from '../features/profiles/profile-banner';
import { WirelessDialog } from '../features/cast/wireless-dialog';
import logoUrl from '../../assets/icon/classe-numerique.svg';

// « Ma salle » is in the first bundle (it is the first screen); the other pages load when opened, so the
// first paint does not wait for the guides' renderer, the casting panel or the IT settings.
const GuidesPage = lazy(() => import('../features/guides/guides-page').then((m) => ({ default: m.GuidesPage })));
const SettingsPage = lazy(() => import('../features/settings/settings-page').then((m) => ({ default: m.SettingsPage })));
const CastPage = lazy(() => import('../features/cast/cast-page').then((m) => ({ default: m.CastPage })));

function PageLoading() {
  const { t } = useTranslation();
  return <Spinner label={t('common:loading')} />;
}

const NAV: { route: Route; icon: IconName; key: string }[] = [
  { route: { name: 'home' }, icon: 'home', key: 'nav.home' },
  { route: { name: 'cast' }, icon: 'cast', key: 'nav.cast' },
  { route: { name: 'guides' }, icon: 'guides', key: 'nav.guides' },
  { route: { name: 'settings' }, icon: 'settings', key: 'nav.settings' },
];

function Page({ route }: { route: Route }) {
  return (
    <Suspense fallback={<PageLoading />}>
      <PageContent route={route} />
    </Suspense>
  );
}

function PageContent({ route }: { route: Route }) {
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'device':
      return <DevicePage id={route.id} />;
    case 'guides':
      return <GuidesPage />;
    case 'settings':
      return <SettingsPage />;
    case 'cast':
      return <CastPage {...(route.deviceId ? { deviceId: route.deviceId } : {})} />;
  }
}

export function App() {
  const { t } = useTranslation();
  const route = useStore((s) => s.route);
  const connection = useStore((s) => s.connection);
  const requestGuideSearchFocus = useStore((s) => s.requestGuideSearchFocus);
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // Move focus to the page on navigation, so keyboard and screen-reader users land on the new content.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [route.name]);

  useEffect(() => {
    document.title = `${t(`nav.${route.name === 'device' ? 'home' : route.name}`)} — ${t('appName')}`;
  }, [route.name, t]);

  // Workshop mode (a guide presented full-screen) shows the page alone: no header, no toasts.
  if (route.name === 'guides' && route.workshop) {
    return (
      <div className="app app--immersive">
        <main id="main" className="app-main" ref={mainRef} tabIndex={-1}>
          <Page route={route} />
        </main>
      </div>
    );
  }

  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={(e) => (e.preventDefault(), mainRef.current?.focus())}>
        {t('skipToContent')}
      </a>
      <header className="app-header">
        <p className="app-brand">
          <img src={logoUrl} alt="" />
          {t('appName')}
        </p>
        <nav className="app-nav" aria-label={t('nav.label')}>
          {NAV.map((item) => {
            const current = item.route.name === route.name || (item.route.name === 'home' && route.name === 'device');
            return (
              <a key={item.key} href={formatRoute(item.route)} aria-current={current ? 'page' : undefined}>
                <Icon name={item.icon} />
                {t(item.key)}
              </a>
            );
          })}
        </nav>
        <a className="cn-btn cn-btn--secondary help-entry" href="#/guides" onClick={() => requestGuideSearchFocus(true)}>
          <Icon name="help" className="cn-btn__icon" />
          {t('guides:home.help')}
        </a>
      </header>
      <div>
        {connection === 'closed' ? (
          <div className="app-connection">
            <Banner tone="warning">{t('errors:app.offline')}</Banner>
          </div>
        ) : null}
        <ProfileBanner />
        <main id="main" className="app-main" ref={mainRef} tabIndex={-1}>
          <Page route={route} />
        </main>
      </div>
      <Toasts />
      {/* « Projeter sans fil » is offered on device cards and on « Projeter ». */}
      <WirelessDialog />
    </div>
  );
}
