import { useI18n } from '../i18n';

/** The TOTP secret to type into an authenticator app, in groups of four so it can be read aloud. */
export function MfaSecret({ secret, otpauthUri }: { secret: string; otpauthUri: string }) {
  const { t } = useI18n();
  const groups = secret.match(/.{1,4}/g) ?? [secret];
  return (
    <div className="flex flex-col gap-3 rounded-8 border border-solid-gray-420 bg-solid-gray-50 p-4">
      <p className="text-std-16B-170">{t('auth.mfa.secretLabel')}</p>
      <p className="font-mono text-std-20B-150 tracking-wider break-all text-solid-gray-900">
        {groups.join(' ')}
      </p>
      <details className="text-std-16N-170">
        <summary className="cursor-pointer text-blue-1000 underline">{t('auth.mfa.uriLabel')}</summary>
        <p className="mt-2 font-mono text-dns-14N-130 break-all text-solid-gray-800">{otpauthUri}</p>
      </details>
    </div>
  );
}
