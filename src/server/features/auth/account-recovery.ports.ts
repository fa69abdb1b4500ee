import type { AccountRecoveryService } from './account-recovery.service';

/** What user administration needs from sign-in: sending (or re-sending) an invitation link. */
export type InvitationSender = Pick<AccountRecoveryService, 'sendInvitation'>;
