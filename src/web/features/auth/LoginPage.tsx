import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { roleLabels } from '../../../shared/role-labels';
import { loginFieldProblems, mfaCodeProblems } from '../../../shared/login-fields';
import { fetchSession, safeNextPath, sessionQueryKey, useSession } from '../../api/session';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import { PageHeader } from '../../components/PageHeader';
import { Table, TBody, Td, Th, THead, Tr } from '../../components/Table';
import { TextField } from '../../components/TextField';
import { useI18n } from '../../i18n';
import { useVersionedForm } from '../../components/forms/useVersionedForm';
import { MfaSecret } from '../../components/MfaSecret';
import { beginMfaSetup, useDemoAccounts, useLogin, useMfaCode } from './api';

type Step = { kind: 'password' } | { kind: 'code' } | { kind: 'setup'; secret: string; otpauthUri: string };

function DemoAccountsBox({
  onChoose,
}: {
  onChoose: (email: string, password: string, name: string) => void;
}) {
  const { t, pick } = useI18n();
  const demo = useDemoAccounts();
  if (!demo.data?.isDemo) return null;
  return (
    <section
      aria-labelledby="demo-title"
      className="flex flex-col gap-4 rounded-12 border-2 border-dashed border-warning-yellow-2 bg-yellow-50 p-5 sm:p-6"
    >
      <div className="flex flex-wrap items-center gap-3">
        <Badge tone="warning">{t('auth.demo.badge')}</Badge>
        <h2 id="demo-title" className="text-std-22B-150 text-solid-gray-900">
          {t('auth.demo.title')}
        </h2>
      </div>
      <p className="text-std-16N-170">{t('auth.demo.description')}</p>
      {demo.data.adminTotpCode && (
        <p className="text-std-16N-170">
          {t('auth.demo.adminCode')}{' '}
          <strong className="rounded-4 bg-white px-2 py-0.5 font-mono text-std-20B-150 tracking-widest">
            {demo.data.adminTotpCode}
          </strong>{' '}
          <span className="text-solid-gray-700">{t('auth.demo.adminCodeNote')}</span>
        </p>
      )}
      <div className="rounded-8 bg-white">
        <Table caption={t('auth.demo.tableCaption')} captionHidden dense>
          <THead>
            <tr>
              <Th>{t('auth.demo.role')}</Th>
              <Th>{t('auth.demo.account')}</Th>
              <Th>
                <span className="sr-only">{t('common.actions')}</span>
              </Th>
            </tr>
          </THead>
          <TBody>
            {demo.data.accounts.map((account) => {
              const nameId = `demo-${account.email.replace(/[^a-z0-9]/gi, '-')}`;
              return (
                <Tr key={account.email}>
                  <Td className="whitespace-nowrap">{pick(roleLabels[account.role])}</Td>
                  <Td className="min-w-[14em]">
                    <span id={nameId} className="flex flex-col gap-0.5">
                      <span className="text-dns-16B-130">{account.displayName}</span>
                      <span className="text-dns-14N-130 text-solid-gray-700">{account.organizationName}</span>
                      <span className="font-mono text-dns-14N-130 break-all text-solid-gray-800">
                        {account.email}
                      </span>
                    </span>
                  </Td>
                  <Td className="text-right">
                    <Button
                      variant="secondary"
                      size="sm"
                      aria-describedby={nameId}
                      onClick={() => onChoose(account.email, account.password, account.displayName)}
                    >
                      {t('auth.demo.useAccount')}
                    </Button>
                  </Td>
                </Tr>
              );
            })}
          </TBody>
        </Table>
      </div>
    </section>
  );
}

export default function LoginPage() {
  const { t } = useI18n();
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get('next'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const session = useSession();

  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [notice, setNotice] = useState('');
  const errors = useVersionedForm('login');
  const codeErrors = useVersionedForm('mfa');
  const codeRef = useRef<HTMLInputElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (step.kind !== 'password') codeRef.current?.focus();
  }, [step.kind]);

  async function finishSignIn() {
    queryClient.setQueryData(sessionQueryKey, await fetchSession());
    navigate(next, { replace: true });
  }

  const login = useLogin({
    onSuccess: async ({ status }) => {
      errors.clear();
      if (status === 'ok') return finishSignIn();
      if (status === 'mfa_required') return setStep({ kind: 'code' });
      const setup = await beginMfaSetup();
      setStep({ kind: 'setup', ...setup });
    },
    onError: errors.showError,
  });

  const confirmCode = useMfaCode(step.kind === 'setup', {
    onSuccess: finishSignIn,
    onError: (error) => {
      setCode('');
      codeErrors.showError(error);
    },
  });

  if (session.data) return <Navigate to={next} replace />;

  function submitPassword(event: React.FormEvent) {
    event.preventDefault();
    if (login.isPending) return;
    if (!errors.check(null, { email, password }, loginFieldProblems({ email, password }))) return;
    login.mutate({ email, password });
  }

  function submitCode(event: React.FormEvent) {
    event.preventDefault();
    if (confirmCode.isPending) return;
    if (!codeErrors.check(null, { code }, mfaCodeProblems({ code }))) return;
    confirmCode.mutate({ code: code.trim() });
  }

  function startOver() {
    setStep({ kind: 'password' });
    setCode('');
    setPassword('');
    codeErrors.clear();
  }

  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title={t('auth.login.title')}
        breadcrumbs={[{ label: t('nav.home'), to: '/' }, { label: t('auth.login.title') }]}
        description={t('auth.login.description')}
      />
      {searchParams.get('next') && <Alert tone="info">{t('auth.login.signInToContinue')}</Alert>}
      <div className="grid grid-cols-1 items-start gap-10 xl:grid-cols-[minmax(0,30rem)_minmax(0,1fr)]">
        <div className="flex flex-col gap-6 rounded-12 border border-solid-gray-420 bg-white p-6 shadow-1 sm:p-8">
          {step.kind === 'password' ? (
            <form
              noValidate
              onSubmit={submitPassword}
              className="flex flex-col gap-6"
              aria-labelledby="login-form-title"
            >
              <h2 id="login-form-title" className="text-std-22B-150">
                {t('auth.login.formTitle')}
              </h2>
              <ErrorSummary errors={errors} />
              <TextField
                id={errors.id(['email'])}
                label={t('auth.login.email')}
                type="email"
                name="email"
                autoComplete="username"
                required
                value={email}
                onChange={(event) => setEmail(event.target.value)}
                error={errors.fieldMessage('email')}
              />
              <TextField
                id={errors.id(['password'])}
                label={t('auth.login.password')}
                type="password"
                name="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(event) => setPassword(event.target.value)}
                error={errors.fieldMessage('password')}
              />
              <Button ref={submitRef} type="submit" size="lg" isBusy={login.isPending} className="w-full">
                {t('auth.login.submit')}
              </Button>
              <p className="text-std-16N-170">
                <Link to="/password-reset">{t('auth.login.forgot')}</Link>
              </p>
            </form>
          ) : (
            <form
              noValidate
              onSubmit={submitCode}
              className="flex flex-col gap-6"
              aria-labelledby="mfa-form-title"
            >
              <h2 id="mfa-form-title" className="text-std-22B-150">
                {step.kind === 'setup' ? t('auth.mfa.setupTitle') : t('auth.mfa.title')}
              </h2>
              <p className="text-std-16N-170">
                {step.kind === 'setup' ? t('auth.mfa.setupDescription') : t('auth.mfa.description')}
              </p>
              {step.kind === 'setup' && <MfaSecret secret={step.secret} otpauthUri={step.otpauthUri} />}
              <ErrorSummary errors={codeErrors} />
              <TextField
                ref={codeRef}
                id={codeErrors.id(['code'])}
                label={t('auth.mfa.code')}
                hint={t('auth.mfa.codeHint')}
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                required
                value={code}
                onChange={(event) => setCode(event.target.value)}
                error={codeErrors.fieldMessage('code')}
                inputClassName="max-w-48 font-mono tracking-widest"
              />
              <div className="flex flex-wrap items-center gap-4">
                <Button type="submit" size="lg" isBusy={confirmCode.isPending}>
                  {t('auth.mfa.submit')}
                </Button>
                <Button variant="tertiary" size="md" onClick={startOver}>
                  {t('auth.mfa.startOver')}
                </Button>
              </div>
            </form>
          )}
          <p role="status" className="sr-only">
            {notice}
          </p>
        </div>
        <DemoAccountsBox
          onChoose={(demoEmail, demoPassword, name) => {
            setStep({ kind: 'password' });
            setEmail(demoEmail);
            setPassword(demoPassword);
            errors.clear();
            setNotice(t('auth.demo.filled', { name }));
            // Next to the filled form, so Enter signs in.
            requestAnimationFrame(() => submitRef.current?.focus());
          }}
        />
      </div>
    </div>
  );
}
