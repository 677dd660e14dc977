export { canonicalJson } from './canonicalJson.js';
export {
  DIGEST_FORMAT,
  EventsHasher,
  GENESIS_DIGEST_HASH,
  digestCanonicalForm,
  digestHash,
  signDigestHash,
  verifyDigestSignature,
  type Digest,
  type DigestFields,
  type DigestSigningKey,
} from './digest.js';
export { readDigests } from './digestRows.js';
export {
  EVENT_HASH_FORMAT,
  GENESIS_HASH,
  canonicalEventContent,
  canonicalEventContentWith,
  chainHash,
  contentHash,
  sha256,
  type EventContent,
} from './eventHash.js';
export {
  LogVerifier,
  type IntegrityProblem,
  type IntegrityProblemKind,
  type StreamHead,
  type VerifiableEvent,
  type VerifyOptions,
  type VerifyReport,
} from './logVerifier.js';
export { createSealer, type SealerOptions } from './sealer.js';
export { verifyLog } from './verifyLog.js';
