import { useQueryClient } from '@tanstack/react-query';
import {
  type FocusEvent as ReactFocusEvent,
  type KeyboardEvent as ReactKeyboardEvent,
  type RefObject,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { type SessionUser, useLogout, useSession } from '../api/session';
import { Button } from '../components/Button';
import { Spinner } from '../components/Spinner';
import { useI18n } from '../i18n';
import { cx } from '../lib/cx';
import { LanguageSwitch } from './LanguageSwitch';
import { isUnder, type NavGroupId, navigationFor } from './navigation';
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
    <svg aria-hidden="true" width="40" height="40" viewBox="0 0 32 32" className="size-8 shrink-0 sm:size-10">
      <rect width="32" height="32" rx="6" fill="var(--color-blue-1000)" />
      <path d="M4 22c4-8 20-8 24 0" fill="none" stroke="#fff" strokeWidth="2.5" strokeLinecap="round" />
      <path d="M4 22h24M10 16.5V22M16 15v7M22 16.5V22" stroke="#fff" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

/** The signed-in person, the public case library, the inbox, the language and signing out. */
function HeaderTools({ user, layout }: { user: SessionUser | null | undefined; layout: 'row' | 'menu' }) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const logout = useLogout(() => {
    // Whatever the server said, nothing of this user's data may stay in the page.
    queryClient.clear();
    navigate('/login', { replace: true });
  });
  const organizationName = user
    ? locale === 'ja'
      ? user.organization.name
      : user.organization.nameEn
    : null;
  return (
    <div
      className={cx(
        'flex flex-wrap gap-x-5 gap-y-2',
        layout === 'row' ? 'items-center' : 'flex-col items-start gap-y-3',
      )}
    >
      {/* The public case library: for everyone, signed in or not. */}
      <NavLink to="/cases" end className="text-std-16B-170">
        {t('nav.caseStudies')}
      </NavLink>
      {user && (
        <div className={cx('flex flex-col', layout === 'row' && 'text-right')}>
          <span className="text-dns-16B-130 text-solid-gray-900">
            <span className="sr-only">{t('shell.signedInAs')}</span>
            {user.displayName}
          </span>
          <span className="text-dns-14N-130 text-solid-gray-700">{organizationName}</span>
        </div>
      )}
      {/* On a phone the inbox stays in the header beside the menu button. */}
      {user && layout === 'row' && <InboxLink />}
      <LanguageSwitch />
      {user && (
        <Button variant="secondary" size="sm" onClick={() => logout.mutate()} isBusy={logout.isPending}>
          {t('shell.logout')}
        </Button>
      )}
    </div>
  );
}

function Header({
  user,
  menuId,
  isMenuOpen,
  onToggleMenu,
  menuButtonRef,
}: {
  user: SessionUser | null | undefined;
  menuId: string;
  isMenuOpen: boolean;
  onToggleMenu: () => void;
  menuButtonRef: RefObject<HTMLButtonElement | null>;
}) {
  const { t, locale } = useI18n();
  const prefectureName = user ? (locale === 'ja' ? user.prefecture.name : user.prefecture.nameEn) : null;

  return (
    <header className="border-b border-solid-gray-420 bg-white print:hidden">
      <div className="mx-auto flex max-w-[1280px] flex-wrap items-center justify-between gap-x-2 gap-y-3 px-3 py-2 sm:gap-x-6 sm:px-8 md:py-3">
        <div className="flex min-w-0 items-center gap-4">
          <Link
            to="/"
            className="flex items-center gap-2 rounded-6 sm:gap-3 text-solid-gray-900 no-underline hover:text-solid-gray-900"
          >
            <Logo />
            <span className="flex flex-col">
              {/* 16 px on a phone: the name, the inbox and the menu button share one 390 px row. */}
              <span className="text-std-16B-170 tracking-wide whitespace-nowrap sm:text-std-20B-150">
                Kakehashi <span lang="ja">架け橋</span>
              </span>
              {/* A phone keeps the screen for the page: the tagline is for wider windows. */}
              <span className="hidden text-dns-14N-130 text-solid-gray-700 sm:inline">
                {t('shell.tagline')}
              </span>
            </span>
          </Link>
          {prefectureName && (
            <span className="hidden border-l border-solid-gray-420 pl-4 text-std-16B-170 text-solid-gray-800 md:inline">
              {prefectureName}
            </span>
          )}
        </div>
        {user ? (
          <>
            <div className="hidden md:block">
              <HeaderTools user={user} layout="row" />
            </div>
            <div className="flex items-center gap-1 md:hidden">
              <InboxLink compact />
              <button
                ref={menuButtonRef}
                type="button"
                aria-expanded={isMenuOpen}
                aria-controls={menuId}
                onClick={onToggleMenu}
                className="inline-flex min-h-11 cursor-pointer items-center gap-1 rounded-6 border border-solid-gray-600 px-2.5 text-oln-16B-100 text-blue-1000 hover:bg-blue-50"
              >
                <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" className="shrink-0">
                  {isMenuOpen ? (
                    <path
                      d="M6 6l12 12M18 6 6 18"
                      stroke="currentColor"
                      strokeWidth="2.5"
                      strokeLinecap="round"
                    />
                  ) : (
                    <path
                      d="M4 7h16M4 12h16M4 17h16"
                      stroke="currentColor"
                      strokeWidth="2.5"
                      strokeLinecap="round"
                    />
                  )}
                </svg>
                {t('shell.menuButton')}
              </button>
            </div>
          </>
        ) : (
          <HeaderTools user={user} layout="row" />
        )}
      </div>
    </header>
  );
}

/** お知らせ with the unread count, always in the header for a signed-in person (on a phone as an icon). */
function InboxLink({ compact = false }: { compact?: boolean }) {
  const { t } = useI18n();
  const unread = useUnreadCount(true);
  const count = unread.data?.count ?? 0;
  return (
    <Link
      to="/notifications"
      className={cx(
        'inline-flex min-h-11 items-center rounded-6 py-1 text-std-16B-170 text-solid-gray-900',
        compact ? 'gap-1 px-1' : 'gap-2 px-2',
      )}
    >
      <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" className="shrink-0">
        <path
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5-6.71V3.5a2 2 0 1 0-4 0v.79A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
          fill="currentColor"
        />
      </svg>
      <span className={cx(compact && 'sr-only')}>{t('shell.notifications')}</span>
      {count > 0 && (
        <span className="rounded-full bg-red-1000 px-2 text-dns-14B-120 text-white">
          <span aria-hidden="true">{count > 99 ? '99+' : count}</span>
          <span className="sr-only">{t('shell.unreadCount', { count })}</span>
        </span>
      )}
    </Link>
  );
}

const menuLinkClass = ({ isActive }: { isActive: boolean }) =>
  cx(
    'relative flex min-h-12 items-center px-3 text-std-16N-170 no-underline',
    'hover:bg-blue-50 hover:text-blue-1000 hover:underline',
    isActive ? 'font-bold text-blue-1000' : 'text-solid-gray-800',
  );
/** The bar under the current top-level entry (a wide window; a phone's list marks the link in bold). */
const currentBar =
  'md:after:absolute md:after:inset-x-2 md:after:bottom-0 md:after:h-1 md:after:rounded-t-4 md:after:bg-blue-900';

/**
 * The main menu as WAI-ARIA disclosure navigation: home, then a button per task group that shows
 * its links (one group open at a time; Escape, a click elsewhere or leaving the menu with Tab
 * closes it). In a wide window the groups sit in one row with drop-down lists; on a phone the
 * whole menu is a list behind the header's menu button, with the person's tools below it.
 */
function MainNav({
  user,
  id,
  isOpenOnPhone,
  onClosePhoneMenu,
}: {
  user: SessionUser;
  id: string;
  isOpenOnPhone: boolean;
  onClosePhoneMenu: (returnFocus: boolean) => void;
}) {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const entries = navigationFor(user.roles);
  const [openGroup, setOpenGroup] = useState<NavGroupId | null>(null);
  const navRef = useRef<HTMLElement>(null);
  const buttonRefs = useRef(new Map<NavGroupId, HTMLButtonElement>());
  const listIdPrefix = useId();

  // A new page closes whatever was open.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation only.
  useEffect(() => {
    setOpenGroup(null);
  }, [pathname]);

  useEffect(() => {
    if (openGroup === null) return;
    const closeOnOutsideClick = (event: PointerEvent) => {
      if (!navRef.current?.contains(event.target as Node)) setOpenGroup(null);
    };
    document.addEventListener('pointerdown', closeOnOutsideClick);
    return () => document.removeEventListener('pointerdown', closeOnOutsideClick);
  }, [openGroup]);

  const onKeyDown = (event: ReactKeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Escape') return;
    if (openGroup !== null) {
      event.preventDefault();
      buttonRefs.current.get(openGroup)?.focus();
      setOpenGroup(null);
    } else if (isOpenOnPhone) {
      event.preventDefault();
      onClosePhoneMenu(true);
    }
  };
  const onBlur = (event: ReactFocusEvent<HTMLElement>) => {
    const next = event.relatedTarget as Node | null;
    if (next && !navRef.current?.contains(next)) setOpenGroup(null);
  };

  return (
    <nav
      ref={navRef}
      id={id}
      aria-label={t('shell.mainNav')}
      onKeyDown={onKeyDown}
      onBlur={onBlur}
      className={cx(
        'border-b border-solid-gray-420 bg-white print:hidden md:block',
        isOpenOnPhone ? 'block' : 'hidden',
      )}
    >
      <ul className="mx-auto flex max-w-[1280px] flex-col px-2 py-2 sm:px-6 md:flex-row md:flex-wrap md:gap-x-1 md:py-0">
        {entries.map((entry, index) => {
          if (entry.kind === 'link') {
            return (
              <li key={entry.item.to}>
                <NavLink
                  to={entry.item.to}
                  end={entry.item.end}
                  className={(state) => cx(menuLinkClass(state), state.isActive && currentBar)}
                >
                  {t(entry.item.label)}
                </NavLink>
              </li>
            );
          }
          const isOpen = openGroup === entry.id;
          const isCurrent = entry.items.some((item) => isUnder(pathname, item));
          const listId = `${listIdPrefix}-${entry.id}`;
          const isLast = index === entries.length - 1;
          return (
            <li key={entry.id} className="relative">
              <button
                ref={(element) => {
                  if (element) buttonRefs.current.set(entry.id, element);
                  else buttonRefs.current.delete(entry.id);
                }}
                type="button"
                aria-expanded={isOpen}
                aria-controls={listId}
                onClick={() => setOpenGroup(isOpen ? null : entry.id)}
                className={cx(
                  'relative flex min-h-12 w-full cursor-pointer items-center justify-between gap-1 px-3 text-left text-std-16N-170',
                  'hover:bg-blue-50 hover:text-blue-1000 hover:underline',
                  isCurrent ? cx('font-bold text-blue-1000', currentBar) : 'text-solid-gray-800',
                  isOpen && 'bg-blue-50',
                )}
              >
                {t(entry.label)}
                <svg
                  aria-hidden="true"
                  width="16"
                  height="16"
                  viewBox="0 0 16 16"
                  className={cx('shrink-0 transition-transform', isOpen && 'rotate-180')}
                >
                  <path d="M3 6l5 5 5-5" fill="none" stroke="currentColor" strokeWidth="2" />
                </svg>
              </button>
              <ul
                id={listId}
                hidden={!isOpen}
                className={cx(
                  'border-l-4 border-blue-200 pl-3 md:absolute md:top-full md:z-40 md:min-w-64 md:border md:border-solid-gray-420 md:bg-white md:py-1 md:pl-0 md:shadow-lg',
                  isLast ? 'md:right-0' : 'md:left-0',
                )}
              >
                {entry.items.map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to} end={item.end} className={menuLinkClass}>
                      {t(item.label)}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ul>
      <div className="border-t border-solid-gray-420 px-4 py-4 md:hidden">
        <HeaderTools user={user} layout="menu" />
      </div>
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
  const { pathname } = useLocation();
  const menuId = useId();
  const [isPhoneMenuOpen, setIsPhoneMenuOpen] = useState(false);
  const menuButtonRef = useRef<HTMLButtonElement>(null);
  // Opening a page closes the phone menu.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation only.
  useEffect(() => {
    setIsPhoneMenuOpen(false);
  }, [pathname]);
  const closePhoneMenu = (returnFocus: boolean) => {
    setIsPhoneMenuOpen(false);
    if (returnFocus) menuButtonRef.current?.focus();
  };
  return (
    <div className="flex min-h-screen flex-col bg-white print:min-h-0">
      <SkipLink />
      <Header
        user={user}
        menuId={menuId}
        isMenuOpen={isPhoneMenuOpen}
        onToggleMenu={() => setIsPhoneMenuOpen((open) => !open)}
        menuButtonRef={menuButtonRef}
      />
      {user && (
        <MainNav user={user} id={menuId} isOpenOnPhone={isPhoneMenuOpen} onClosePhoneMenu={closePhoneMenu} />
      )}
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
