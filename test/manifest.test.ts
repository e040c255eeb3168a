import { expect } from '@open-wc/testing';
import { LANGUAGES } from '../src/elements/localization.js';
import { Validator } from '@cfworker/json-schema';
import manifest from '../manifest.json';
import schema from '../manifest.schema.json';
import packageJson from '../package.json';
import { OPERATIONS } from '../src/domain/index.js';

const validate = (value: unknown) => new Validator(schema as object, '2020-12', false).validate(value);

describe('manifest.json', () => {
  it('is valid against its JSON Schema', () => {
    expect(validate(manifest).errors).to.deep.equal([]);
  });

  it('and the schema refuses a manifest with a mistake in it', () => {
    expect(validate({ ...manifest, version: 'one' }).valid).to.equal(false);
    expect(
      validate({
        ...manifest,
        customElements: [
          { tagName: 'change-pin', placement: { page: 'overview', slot: 'actions' }, operations: ['getSession'] },
        ],
      }).valid,
    ).to.equal(false);
    const { entry: _entry, ...withoutEntry } = manifest;
    expect(validate(withoutEntry).valid).to.equal(false);
  });

  it('has the version of package.json', () => {
    expect(manifest.version).to.equal(packageJson.version);
  });

  it('lists exactly the host endpoints of the contract', () => {
    expect(manifest.hostEndpoints).to.deep.equal(
      OPERATIONS.map(({ operationId, method, path }) => ({ operationId, method, path: path.slice(1) })),
    );
  });

  it('names only operations of the contract and permissions it declares', () => {
    const operationIds = OPERATIONS.map((operation) => operation.operationId as string);
    for (const element of manifest.customElements) {
      expect(operationIds).to.include.members(element.operations);
      if (element.permission)
        expect(manifest.permissions.map((permission) => permission.id)).to.include(element.permission);
    }
    for (const permission of manifest.permissions) expect(operationIds).to.include.members(permission.operations);
    expect(manifest.locales).to.include(manifest.defaultLocale);
    // The languages the elements speak, with their translations.
    expect(manifest.locales).to.deep.equal([...LANGUAGES]);
  });

  it('points at files that exist', async () => {
    for (const path of [manifest.entry, manifest.contract, manifest.$schema]) {
      const response = await fetch(new URL(path, new URL('/manifest.json', location.href)));
      expect(response.status, path).to.equal(200);
    }
  });
});
