import type { BadgeTone } from '../../components/Badge';
import type { LocalizedLabel, RegistrationStatus } from './types';

export { audienceLabels } from '../../../shared/schemas/seminars';

export const registrationStatusLabels: Record<RegistrationStatus, LocalizedLabel> = {
  registered: { ja: '申込済み', en: 'Registered' },
  waitlisted: { ja: 'キャンセル待ち', en: 'Waiting list' },
  cancelled: { ja: '取消済み', en: 'Cancelled' },
};

export const registrationStatusTones: Record<RegistrationStatus, BadgeTone> = {
  registered: 'success',
  waitlisted: 'warning',
  cancelled: 'neutral',
};
