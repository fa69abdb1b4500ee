import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { type AdvisorProfile, advisorProfilePutSchema } from '../../../shared/schemas/menus';
import { useCurrentUser } from '../../api/session';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { TextArea } from '../../components/TextField';
import { useI18n } from '../../i18n';
import { useVersionedForm } from '../../components/forms/useVersionedForm';
import { menusCalls, useAdvisorProfile, useAdvisors, useInvalidateMenus } from './api';
import { linesToList } from './labels';
import { AdvisorCard } from './parts';

function ProfileForm({ profile }: { profile: AdvisorProfile }) {
  const { t } = useI18n();
  const invalidate = useInvalidateMenus();
  const errors = useVersionedForm('advisor');
  const [skills, setSkills] = useState(profile.skills.join('\n'));
  const [qualifications, setQualifications] = useState(profile.qualifications.join('\n'));
  const [pastProjects, setPastProjects] = useState(profile.pastProjects.join('\n'));
  const [bio, setBio] = useState(profile.bio);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (body: Parameters<typeof menusCalls.saveAdvisor>[1]) =>
      menusCalls.saveAdvisor(profile.userId, body),
    onSuccess: async () => {
      errors.clear();
      setSaved(true);
      await invalidate();
    },
    onError: errors.showError,
  });
  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (save.isPending) return;
    const body = {
      ...(profile.version === null ? {} : { version: profile.version }),
      skills: linesToList(skills),
      qualifications: linesToList(qualifications),
      pastProjects: linesToList(pastProjects),
      bio,
    };
    if (!errors.check(advisorProfilePutSchema, body)) return;
    setSaved(false);
    save.mutate(body);
  }
  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-5">
      {saved && (
        <Alert tone="success" isLive>
          {t('menus.advisor.saved')}
        </Alert>
      )}
      <ErrorSummary errors={errors} />
      <TextArea
        id={errors.id(['skills'])}
        label={t('menus.advisor.skills')}
        hint={t('menus.advisor.onePerLine')}
        value={skills}
        onChange={(e) => setSkills(e.target.value)}
        error={errors.fieldMessage('skills')}
      />
      <TextArea
        id={errors.id(['qualifications'])}
        label={t('menus.advisor.qualifications')}
        hint={t('menus.advisor.onePerLine')}
        value={qualifications}
        onChange={(e) => setQualifications(e.target.value)}
        error={errors.fieldMessage('qualifications')}
      />
      <TextArea
        id={errors.id(['pastProjects'])}
        label={t('menus.advisor.pastProjects')}
        hint={t('menus.advisor.onePerLine')}
        value={pastProjects}
        onChange={(e) => setPastProjects(e.target.value)}
        error={errors.fieldMessage('pastProjects')}
      />
      <TextArea
        id={errors.id(['bio'])}
        label={t('menus.advisor.bio')}
        value={bio}
        onChange={(e) => setBio(e.target.value)}
        error={errors.fieldMessage('bio')}
      />
      <div>
        <Button type="submit" isBusy={save.isPending}>
          {t('common.save')}
        </Button>
      </div>
    </form>
  );
}

/** The signed-in advisor's own profile, and the profiles of the company's other members. */
export default function AdvisorProfilePage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const profile = useAdvisorProfile(user.id);
  const colleagues = useAdvisors();
  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title={t('menus.advisor.title')}
        breadcrumbs={[{ label: t('nav.home'), to: '/' }, { label: t('menus.advisor.title') }]}
        description={t('menus.advisor.description')}
      />
      <Section title={t('menus.advisor.mine')} boxed>
        <QueryState query={profile}>{(p) => <ProfileForm key={p.userId} profile={p} />}</QueryState>
      </Section>
      <Section title={t('menus.advisor.colleagues')}>
        <QueryState query={colleagues}>
          {(items) => (
            <div className="grid gap-4 md:grid-cols-2">
              {items
                .filter((a) => a.userId !== user.id)
                .map((a) => (
                  <AdvisorCard key={a.userId} advisor={a} />
                ))}
            </div>
          )}
        </QueryState>
      </Section>
    </div>
  );
}
