import type { BadgeTone } from '../../components/Badge';
import type { Audience, LocalizedLabel, RegistrationStatus } from './types';

export const audienceLabels: Record<Audience, LocalizedLabel> = {
  heads: { ja: '首長・副首長', en: 'Mayors and deputies' },
  staff: { ja: '職員', en: 'Staff' },
  all: { ja: 'どなたでも', en: 'Everyone' },
};

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
