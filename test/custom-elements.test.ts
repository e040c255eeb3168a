import { expect } from '@open-wc/testing';
import manifest from '../custom-elements.json';
import packageJson from '../package.json';

interface Declaration {
  tagName?: string;
  customElement?: boolean;
  summary?: string;
  attributes?: Array<{ name: string }>;
  events?: Array<{ name: string; description?: string }>;
  cssParts?: Array<{ name: string }>;
  cssProperties?: Array<{ name: string; description?: string }>;
  members?: Array<{ name: string; kind: string; privacy?: string }>;
}

const elements = new Map(
  (manifest.modules as Array<{ declarations?: Declaration[] }>)
    .flatMap((module) => module.declarations ?? [])
    .filter((declaration) => declaration.customElement)
    .map((declaration) => [declaration.tagName!, declaration]),
);

describe('custom-elements.json', () => {
  it('is the package.json customElements, and lists both elements with a summary', () => {
    expect(packageJson.customElements).to.equal('custom-elements.json');
    expect([...elements.keys()].sort()).to.deep.equal(['mf-change-pin-dialog', 'mf-user-setup-table']);
    for (const element of elements.values())
      expect(element.summary, element.tagName).to.be.a('string').and.not.be.empty;
  });

  it('documents the events, attributes, parts and custom properties of <mf-change-pin-dialog>', () => {
    const dialog = elements.get('mf-change-pin-dialog')!;
    expect(dialog.events!.map((event) => event.name)).to.deep.equal(['mf-pin-code-changed']);
    expect(dialog.events![0].description).to.include('{ resourceNo, changedAt }');
    expect(dialog.attributes!.map((attribute) => attribute.name)).to.have.members([
      'base-url',
      'no-trigger',
      'open',
      'inline',
    ]);
    expect(dialog.cssParts!.map((part) => part.name)).to.include.members(['trigger', 'dialog', 'checklist']);
    expect(dialog.cssProperties!.map((property) => property.name)).to.include('--mf-accent-color');
    expect(
      dialog.members!.filter((member) => member.kind === 'method' && !member.privacy).map((member) => member.name),
    ).to.include.members(['show', 'close']);
  });

  it('documents the events, attributes, parts and custom properties of <mf-user-setup-table>', () => {
    const table = elements.get('mf-user-setup-table')!;
    expect(table.events!.map((event) => event.name).sort()).to.deep.equal([
      'mf-temporary-pin-code-issued',
      'mf-user-setup-changed',
    ]);
    expect(table.attributes!.map((attribute) => attribute.name)).to.have.members(['base-url', 'page-size']);
    expect(table.cssParts!.map((part) => part.name)).to.include.members(['table', 'pager', 'dialog']);
    expect(table.cssProperties!.map((property) => property.name)).to.include('--mf-border-color');
  });
});
