import * as nest from '@nestjs/common/constants.js';
import { HOST_METADATA, PATH_METADATA, VERSION_METADATA } from './nest-metadata.keys.js';

describe("Nest's controller metadata keys", () => {
  it('are the ones @nestjs/common writes', () => {
    expect({ PATH_METADATA, HOST_METADATA, VERSION_METADATA }).toEqual({
      PATH_METADATA: nest.PATH_METADATA,
      HOST_METADATA: nest.HOST_METADATA,
      VERSION_METADATA: nest.VERSION_METADATA,
    });
  });
});
