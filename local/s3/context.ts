/** What every route handler of the local S3 server shares. */
import type { Counters } from '../counters';
import type { Faults } from '../faults';
import type { ObjectCreatedEventName } from './events';
import type { MultipartUploads } from './multipart-uploads';
import type { ObjectMeta } from './object-meta';
import type { ObjectStore } from './object-store';
import type { S3Call } from './request';

export interface S3Context {
  store: ObjectStore;
  region: string;
  faults: Faults;
  counters: Counters;
  uploads: MultipartUploads;
  /** Emits the S3 event record of a created object (no-op without a listener). */
  objectCreated(call: S3Call, eventName: ObjectCreatedEventName, bucket: string, meta: ObjectMeta): void;
}
