import { useQueryClient } from '@tanstack/react-query';
import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { type SessionUser, useLogout, useSession } from '../api/session';
import { Button } from '../components/Button';
import { Spinner } from '../components/Spinner';
import { useI18n } from '../i18n';
import { cx } from '../lib/cx';
import { LanguageSwitch } from './LanguageSwitch';
import { navigationFor } from './navigation';
import { useUnreadCount } from '../features/notifications/api';

function SkipLink() {
  const { t } = useI18n();
  return (
    <a
      href="#main"
      className="sr-only z-50 bg-yellow-300 px-4 py-3 text-std-16B-170 text-black focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:px-4 focus:py-3"
    >
      {t('shell.skipToContent')}
    </a>
  );
}

function Logo() {
  return (
    <svg aria-hidden="true" width="40" height="40" viewBox="0 0 32 32" className="shrink-0">
      <rect width="32" height="32" rx="6" fill="var(--color-blue-1000)" />
      <path d="M4 22c4-8 20-8 24 0" fill="none" stroke="#fff" strokeWidth="2.5" strokeLinecap="round" />
      <path d="M4 22h24M10 16.5V22M16 15v7M22 16.5V22" stroke="#fff" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

function Header({ user }: { user: SessionUser | null | undefined }) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const logout = useLogout(() => {
    // Whatever the server said, nothing of this user's data may stay in the page.
    queryClient.clear();
    navigate('/login', { replace: true });
  });
  const prefectureName = user ? (locale === 'ja' ? user.prefecture.name : user.prefecture.nameEn) : null;
  const organizationName = user
    ? locale === 'ja'
      ? user.organization.name
      : user.organization.nameEn
    : null;

  return (
    <header className="border-b border-solid-gray-420 bg-white print:hidden">
      <div className="mx-auto flex max-w-[1280px] flex-wrap items-center justify-between gap-x-6 gap-y-3 px-4 py-3 sm:px-8">
        <div className="flex items-center gap-4">
          <Link
            to="/"
            className="flex items-center gap-3 rounded-6 text-solid-gray-900 no-underline hover:text-solid-gray-900"
          >
            <Logo />
            <span className="flex flex-col">
              <span className="text-std-20B-150 tracking-wide">
                Kakehashi <span lang="ja">架け橋</span>
              </span>
              <span className="text-dns-14N-130 text-solid-gray-700">{t('shell.tagline')}</span>
            </span>
          </Link>
          {prefectureName && (
            <span className="hidden border-l border-solid-gray-420 pl-4 text-std-16B-170 text-solid-gray-800 md:inline">
              {prefectureName}
            </span>
          )}
        </div>
        <div className="flex flex-wrap items-center gap-x-5 gap-y-2">
          {/* The public case library: for everyone, signed in or not. */}
          <NavLink to="/cases" end className="text-std-16B-170">
            {t('nav.caseStudies')}
          </NavLink>
          {user && (
            <div className="flex flex-col text-right">
              <span className="text-dns-16B-130 text-solid-gray-900">
                <span className="sr-only">{t('shell.signedInAs')}</span>
                {user.displayName}
              </span>
              <span className="text-dns-14N-130 text-solid-gray-700">{organizationName}</span>
            </div>
          )}
          {user && <InboxLink />}
          <LanguageSwitch />
          {user && (
            <Button variant="secondary" size="sm" onClick={() => logout.mutate()} isBusy={logout.isPending}>
              {t('shell.logout')}
            </Button>
          )}
        </div>
      </div>
    </header>
  );
}

/** お知らせ with the unread count, always in the header for a signed-in person. */
function InboxLink() {
  const { t } = useI18n();
  const unread = useUnreadCount(true);
  const count = unread.data?.count ?? 0;
  return (
    <Link
      to="/notifications"
      className="inline-flex items-center gap-2 rounded-6 px-2 py-1 text-std-16B-170 text-solid-gray-900"
    >
      <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" className="shrink-0">
        <path
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5-6.71V3.5a2 2 0 1 0-4 0v.79A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
          fill="currentColor"
        />
      </svg>
      {t('shell.notifications')}
      {count > 0 && (
        <span className="rounded-full bg-red-1000 px-2 text-dns-14B-120 text-white">
          <span aria-hidden="true">{count > 99 ? '99+' : count}</span>
          <span className="sr-only">{t('shell.unreadCount', { count })}</span>
        </span>
      )}
    </Link>
  );
}

function MainNav({ user }: { user: SessionUser }) {
  const { t } = useI18n();
  const items = navigationFor(user.roles);
  return (
    <nav aria-label={t('shell.mainNav')} className="border-b border-solid-gray-420 bg-white print:hidden">
      <ul className="mx-auto flex max-w-[1280px] flex-wrap gap-x-1 px-2 sm:px-6">
        {items.map((item) => (
          <li key={item.to}>
            <NavLink
              to={item.to}
              end={item.end}
              className={({ isActive }) =>
                cx(
                  'relative flex min-h-12 items-center px-3 text-std-16N-170 no-underline',
                  'hover:bg-blue-50 hover:text-blue-1000 hover:underline',
                  isActive
                    ? 'font-bold text-blue-1000 after:absolute after:inset-x-2 after:bottom-0 after:h-1 after:rounded-t-4 after:bg-blue-900'
                    : 'text-solid-gray-800',
                )
              }
            >
              {t(item.label)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Footer({ user }: { user: SessionUser | null | undefined }) {
  const { t, locale } = useI18n();
  return (
    <footer className="mt-16 border-t border-solid-gray-420 bg-solid-gray-50 print:hidden">
      <div className="mx-auto flex max-w-[1280px] flex-col gap-4 px-4 py-8 sm:px-8">
        <ul className="flex flex-wrap gap-x-6 gap-y-2 text-std-16N-170">
          <li>
            <Link to="/about">{t('shell.footer.about')}</Link>
          </li>
          {user && (
            <li>
              <Link to="/account">{t('shell.footer.account')}</Link>
            </li>
          )}
          <li>
            {/* Public, like the about page: open data is for everyone, signed in or not. */}
            <Link to="/open-data">{t('shell.footer.openData')}</Link>
          </li>
          <li>
            {/* A full page of its own (Swagger UI), outside the app. */}
            <a href="/api/docs">{t('shell.footer.apiDocs')}</a>
          </li>
        </ul>
        <p className="text-dns-14N-130 text-solid-gray-700">
          {t('shell.footer.note')}
          {user && ` — ${locale === 'ja' ? user.prefecture.name : user.prefecture.nameEn}`}
        </p>
      </div>
    </footer>
  );
}

/**
 * The frame of every page: skip link, header, the role's menu (when signed
 * in), the main landmark and the footer. Pages render into <Outlet/>.
 */
export function Layout() {
  const session = useSession();
  const user = session.data;
  return (
    <div className="flex min-h-screen flex-col bg-white print:min-h-0">
      <SkipLink />
      <Header user={user} />
      {user && <MainNav user={user} />}
      {/* At least a screen tall, so the footer starts below the first screen: otherwise it sits at
          the bottom while the page loads, and the page pushes it away (a layout shift on every
          first visit). */}
      <main
        id="main"
        tabIndex={-1}
        className="mx-auto min-h-screen w-full max-w-[1280px] flex-1 px-4 pt-6 pb-8 outline-none sm:px-8 sm:pt-8 print:min-h-0 print:max-w-none print:p-0"
      >
        {session.isPending ? <Spinner /> : <Outlet />}
      </main>
      <Footer user={user} />
    </div>
  );
}
