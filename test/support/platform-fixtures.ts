import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'lossless-json';
import {
  parseGatewayJson,
  type GatewayJson,
  type GatewayObject,
} from '../../libs/aliexpress/src/gateway/gateway-json.parser.js';

/**
 * Loader for the platform corpus in `test/fixtures/platform/`: every sample body the AliExpress
 * reference pages document, one file each, with `index.json` saying where each came from. Bodies
 * are read as raw text and parsed losslessly, so ids beyond 2^53 keep their digits.
 */

/** Absolute path of the corpus folder. */
export const PLATFORM_FIXTURES_DIR = join(__dirname, '..', 'fixtures', 'platform');

/** The corpus groups, one sub-folder each. */
export const PLATFORM_FIXTURE_GROUPS = ['system', 'dropshipping', 'affiliate', 'webhook'] as const;

/** A corpus group: system (token/gateway), dropshipping, affiliate or webhook. */
export type PlatformFixtureGroup = (typeof PLATFORM_FIXTURE_GROUPS)[number];

/** Whether the documented body reports success or a failure. */
export type PlatformFixtureKind = 'success' | 'failure';

/** Where a sample is documented: a page of the mirror repository and the heading it sits under. */
export interface PlatformFixtureSource {
  /** GitHub repository of the mirror (`simowment/ae_sdk`). */
  repo: string;
  /** Path of the page inside that repository. */
  path: string;
  /** Commit of the stored page version the sample was copied from. */
  commit: string;
  /** Heading or section of the page that holds the sample. */
  section: string;
}

/** One entry of `index.json`: a fixture file and what it documents. */
export interface PlatformFixtureEntry {
  /** Path relative to the corpus folder: `<group>/<api>.<case>.json`. */
  file: string;
  /** Corpus group (sub-folder). */
  group: PlatformFixtureGroup;
  /** Method name (`aliexpress.ds.freight.query`), system path (`/auth/token/create`) or webhook topic. */
  api: string;
  /** Short name of the case, e.g. `success`, `demo`, `failure-delivery-not-available`. */
  case: string;
  /** Whether the body reports success or a failure. */
  kind: PlatformFixtureKind;
  /** The page and section the body was copied from. */
  source: PlatformFixtureSource;
  /** True when the body holds the exact `<method with dots as _>_response` key. */
  wrapped: boolean;
  /** The top-level key that holds the body as documented (possibly misspelled), or null if flat. */
  wrapperKey: string | null;
  /** Repairs, disagreements between pages, units. */
  notes: string[];
}

/** An API (or a case of one) for which no page documents a sample body. */
export interface PlatformSampleGap {
  /** The API or case. */
  api: string;
  /** Corpus group it would belong to. */
  group: PlatformFixtureGroup;
  /** What the pages offer instead. */
  reason: string;
}

/** The whole `index.json`. */
export interface PlatformFixtureIndex {
  /** What the corpus is. */
  description: string;
  /** One entry per fixture file. */
  fixtures: PlatformFixtureEntry[];
  /** APIs and cases with no documented sample. */
  withoutSample: PlatformSampleGap[];
}

/** A fixture as loaded: its index entry, its exact text and its lossless parse. */
export interface PlatformFixture {
  /** The index entry. */
  entry: PlatformFixtureEntry;
  /** The file's text, byte for byte. */
  text: string;
  /** The body parsed by the library's gateway parser (unsafe integers become digit strings). */
  body: GatewayJson;
}

/** Thrown when `index.json` does not have the documented shape. */
export class PlatformIndexError extends Error {
  constructor(message: string) {
    super(`test/fixtures/platform/index.json: ${message}`);
    this.name = 'PlatformIndexError';
  }
}

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function text(where: string, value: unknown, key: string): string {
  if (!isRecord(value) || typeof value[key] !== 'string' || value[key] === '') {
    throw new PlatformIndexError(`${where}: "${key}" must be a non-empty string`);
  }
  return value[key];
}

function group(where: string, value: string): PlatformFixtureGroup {
  const known: readonly string[] = PLATFORM_FIXTURE_GROUPS;
  if (!known.includes(value)) throw new PlatformIndexError(`${where}: unknown group "${value}"`);
  return value as PlatformFixtureGroup;
}

function toEntry(raw: unknown, at: number): PlatformFixtureEntry {
  const where = `fixtures[${at}]`;
  if (!isRecord(raw)) throw new PlatformIndexError(`${where} must be an object`);
  const kind = text(where, raw, 'kind');
  if (kind !== 'success' && kind !== 'failure') {
    throw new PlatformIndexError(`${where}: kind must be success or failure, not "${kind}"`);
  }
  const source = raw.source;
  if (!isRecord(source)) throw new PlatformIndexError(`${where}: source must be an object`);
  if (typeof raw.wrapped !== 'boolean') {
    throw new PlatformIndexError(`${where}: wrapped must be a boolean`);
  }
  const wrapperKey = raw.wrapperKey;
  if (wrapperKey !== null && (typeof wrapperKey !== 'string' || wrapperKey === '')) {
    throw new PlatformIndexError(`${where}: wrapperKey must be a non-empty string or null`);
  }
  const notes = raw.notes;
  if (!Array.isArray(notes) || !notes.every((n): n is string => typeof n === 'string')) {
    throw new PlatformIndexError(`${where}: notes must be an array of strings`);
  }
  return {
    file: text(where, raw, 'file'),
    group: group(where, text(where, raw, 'group')),
    api: text(where, raw, 'api'),
    case: text(where, raw, 'case'),
    kind,
    source: {
      repo: text(`${where}.source`, source, 'repo'),
      path: text(`${where}.source`, source, 'path'),
      commit: text(`${where}.source`, source, 'commit'),
      section: text(`${where}.source`, source, 'section'),
    },
    wrapped: raw.wrapped,
    wrapperKey,
    notes,
  };
}

function toGap(raw: unknown, at: number): PlatformSampleGap {
  const where = `withoutSample[${at}]`;
  return {
    api: text(where, raw, 'api'),
    group: group(where, text(where, raw, 'group')),
    reason: text(where, raw, 'reason'),
  };
}

/** Reads and checks `index.json`; throws {@link PlatformIndexError} on a malformed entry. */
export function readPlatformIndex(): PlatformFixtureIndex {
  const raw: unknown = parse(readFileSync(join(PLATFORM_FIXTURES_DIR, 'index.json'), 'utf8'));
  if (!isRecord(raw) || !Array.isArray(raw.fixtures) || !Array.isArray(raw.withoutSample)) {
    throw new PlatformIndexError('expected { description, fixtures: [], withoutSample: [] }');
  }
  return {
    description: text('index', raw, 'description'),
    fixtures: raw.fixtures.map(toEntry),
    withoutSample: raw.withoutSample.map(toGap),
  };
}

/** Every `.json` file in the group folders, as `<group>/<name>.json`, sorted. */
export function listPlatformFixtureFiles(): string[] {
  return PLATFORM_FIXTURE_GROUPS.flatMap((g) => {
    let names: string[];
    try {
      names = readdirSync(join(PLATFORM_FIXTURES_DIR, g));
    } catch {
      return []; // a group with no documented sample has no folder (git keeps no empty folder)
    }
    return names.filter((n) => n.endsWith('.json')).map((n) => `${g}/${n}`);
  }).sort();
}

/** The file name an entry must have: `<group>/<api without leading slash, / as .>.<case>.json`. */
export function expectedFixtureFile(entry: Pick<PlatformFixtureEntry, 'group' | 'api' | 'case'>) {
  const stem = entry.api.replace(/^\//, '').replace(/\//g, '.');
  return `${entry.group}/${stem}.${entry.case}.json`;
}

/** The exact wrapper key of a business method's response: dots become underscores. */
export function responseKeyOf(api: string): string {
  return `${api.replace(/\./g, '_')}_response`;
}

/** Reads one fixture's raw text (no JSON round trip). */
export function readPlatformFixtureText(file: string): string {
  return readFileSync(join(PLATFORM_FIXTURES_DIR, file), 'utf8');
}

/** Loads the fixture for an API and case, with its index entry; throws if it is not indexed. */
export function loadPlatformFixture(
  api: string,
  fixtureCase: string,
  index: PlatformFixtureIndex = readPlatformIndex(),
): PlatformFixture {
  const entry = index.fixtures.find((e) => e.api === api && e.case === fixtureCase);
  if (!entry) throw new Error(`no platform fixture for ${api} / ${fixtureCase} in index.json`);
  const content = readPlatformFixtureText(entry.file);
  return { entry, text: content, body: parseGatewayJson(content) };
}

/** True for a parsed JSON object (not an array, not null). */
export function isJsonObject(value: GatewayJson | undefined): value is GatewayObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A number literal exactly as written in a fixture, kept apart from strings by the parse. */
export class RawNumber {
  constructor(
    /** The literal's characters, e.g. `8198352049851315` or `1.0`. */
    readonly digits: string,
  ) {}
}

/** Parses a fixture keeping every number literal as a {@link RawNumber}: the ground truth. */
export function parseWithRawNumbers(content: string): unknown {
  return parse(content, null, (digits: string) => new RawNumber(digits));
}
