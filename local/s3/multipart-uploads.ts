/**
 * Multipart uploads in progress: parts are written under the store's scratch folder (same
 * filesystem, wiped when the store reopens, like uploads that S3 would eventually expire).
 */
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { badRequest, NoSuchUploadError, S3Error } from './errors';
import type { PutOptions } from './object-meta';
import { writeHashed } from './write-hashed';

/** S3's minimum size of every part but the last. */
export const MIN_PART_SIZE = 5 * 1024 * 1024;

interface Part {
  etag: string;
  size: number;
  file: string;
}

interface Upload {
  id: string;
  bucket: string;
  key: string;
  options: PutOptions;
  dir: string;
  parts: Map<number, Part>;
}

/** The part list of a CompleteMultipartUpload request. */
export interface CompletedPart {
  partNumber: number;
  etag: string;
}

export class MultipartUploads {
  private readonly uploads = new Map<string, Upload>();

  constructor(private readonly scratchDir: string) {}

  create(bucket: string, key: string, options: PutOptions): string {
    const id = randomBytes(24).toString('base64url');
    const dir = path.join(this.scratchDir, `mpu-${id}`);
    fs.mkdirSync(dir, { recursive: true });
    this.uploads.set(id, { id, bucket, key, options, dir, parts: new Map() });
    return id;
  }

  /** Stores one part (replacing an earlier one with the same number); returns its quoted ETag. */
  async uploadPart(id: string, bucket: string, key: string, partNumber: number, body: Readable): Promise<string> {
    const upload = this.find(id, bucket, key);
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10000) {
      throw badRequest('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive', {
        ArgumentName: 'partNumber',
        ArgumentValue: String(partNumber),
      });
    }
    const tmp = path.join(upload.dir, `${partNumber}.${randomBytes(6).toString('hex')}.tmp`);
    const written = await writeHashed(body, tmp);
    const file = path.join(upload.dir, String(partNumber));
    fs.renameSync(tmp, file);
    const etag = `"${written.md5Hex}"`;
    upload.parts.set(partNumber, { etag, size: written.size, file });
    return etag;
  }

  /**
   * Validates the part list as S3 does and returns what the store needs to assemble the
   * object: the concatenated bytes and the multipart ETag `"md5(concat(part md5s))-N"`.
   */
  complete(
    id: string,
    bucket: string,
    key: string,
    parts: CompletedPart[],
  ): { body: Readable; etag: string; options: PutOptions } {
    const upload = this.find(id, bucket, key);
    if (parts.length === 0) {
      throw badRequest(
        'MalformedXML',
        'The XML you provided was not well-formed or did not validate against our published schema',
      );
    }
    const chosen: Part[] = [];
    let previous = 0;
    for (const [i, requested] of parts.entries()) {
      if (requested.partNumber <= previous) {
        throw badRequest(
          'InvalidPartOrder',
          'The list of parts was not in ascending order. Parts must be ordered by part number.',
        );
      }
      previous = requested.partNumber;
      const part = upload.parts.get(requested.partNumber);
      if (!part || part.etag.replace(/"/g, '') !== requested.etag.replace(/"/g, '')) {
        throw badRequest(
          'InvalidPart',
          "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
          {
            PartNumber: String(requested.partNumber),
          },
        );
      }
      if (i < parts.length - 1 && part.size < MIN_PART_SIZE) {
        throw new S3Error(
          'EntityTooSmall',
          400,
          'Your proposed upload is smaller than the minimum allowed object size.',
          {
            ProposedSize: String(part.size),
            MinSizeAllowed: String(MIN_PART_SIZE),
            PartNumber: String(requested.partNumber),
          },
        );
      }
      chosen.push(part);
    }
    const md5s = Buffer.concat(chosen.map((p) => Buffer.from(p.etag.replace(/"/g, ''), 'hex')));
    const etag = `"${createHash('md5').update(md5s).digest('hex')}-${chosen.length}"`;
    const files = chosen.map((p) => p.file);
    const body = Readable.from(
      (async function* () {
        for (const file of files) yield* fs.createReadStream(file);
      })(),
    );
    return { body, etag, options: upload.options };
  }

  /** Forgets an upload and removes its parts (after completion or abort). */
  discard(id: string): void {
    const upload = this.uploads.get(id);
    if (!upload) return;
    this.uploads.delete(id);
    fs.rmSync(upload.dir, { recursive: true, force: true });
  }

  /** Throws NoSuchUpload unless the upload exists for this bucket and key. */
  find(id: string, bucket: string, key: string): Upload {
    const upload = this.uploads.get(id);
    if (!upload || upload.bucket !== bucket || upload.key !== key) throw new NoSuchUploadError(id);
    return upload;
  }
}
