import type { Database } from '../../db/client';
import type { ReachReport } from '../../../shared/schemas/seminars';
import type { SnapshotCache } from '../../platform/snapshots';
import type { UploadStore } from '../../platform/uploads';

/** What each seminars job module is built from (composed by createSeminarsService). */
export interface SeminarsModuleDeps {
  db: Database;
  /** Uploaded materials and archive recordings, under `<uploadsDir>/seminars`. */
  uploads: UploadStore;
  /** The app's public URL, for links in mails. */
  publicUrl: string;
  /** Reach answers kept until the process's next write (platform/snapshots.ts). */
  reachSnapshots: SnapshotCache<ReachReport>;
}
