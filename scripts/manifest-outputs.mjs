#!/usr/bin/env node
// `npm run build`, after the analyzer: the editor and type files derived from
// custom-elements.json, shipped at the package root beside it (as Web Awesome ships them):
//
//   custom-elements-jsx.d.ts      `CustomElements`: tag → JSX props (attributes, properties,
//                                 `onlapor-*` event handlers), so a raw `<lapor-sla-countdown
//                                 due="…">` typechecks in TSX once IntrinsicElements extends it
//   vscode.html-custom-data.json  VS Code's HTML custom data (tags, attributes, their values)
//   web-types.json                JetBrains web-types (attributes, events, slots, parts, properties)
//
// Written here rather than with break-stuff's cem plugins: their output for this manifest did
// not typecheck with `skipLibCheck: false` (event types wrapped twice, `CustomEvent<CustomEvent<…>>`,
// detail types named but not imported) and they bring prettier (12 MB) for formatting.
// Types are taken from the shipped declarations (lib/*.d.ts, which `npm run build` has
// just written): JSX props are indexed access types of the element classes, and an
// attribute whose type is a union of string literals (also through an alias, such as
// `Theme`) lists its values for the editors.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const manifest = JSON.parse(readFileSync(join(ROOT, 'custom-elements.json'), 'utf8'));

/** Every custom element: its declaration and the module that registers it (and types its events). */
function elements() {
  const out = [];
  for (const mod of manifest.modules) {
    for (const exp of mod.exports ?? []) {
      if (exp.kind !== 'custom-element-definition') continue;
      const home = manifest.modules.find((m) => m.path === exp.declaration.module);
      const decl = home?.declarations?.find((d) => d.name === exp.declaration.name);
      if (!decl?.tagName) throw new Error(`custom-elements.json: no declaration for <${exp.name}>`);
      out.push({ tag: exp.name, decl, registeredIn: mod.path });
    }
  }
  return out.sort((a, b) => a.tag.localeCompare(b.tag));
}

const isPublic = (m) => !m.static && (!m.privacy || m.privacy === 'public');
/** Public settable fields: what a JSX prop (React 19 sets a property when the element has it) may set. */
const properties = (decl) => (decl.members ?? []).filter((m) => m.kind === 'field' && isPublic(m) && !m.readonly);
const oneLine = (text = '') => text.replace(/\s*\n\s*/g, ' ').trim();
const doc = (text, indent = '  ') => (text ? `${indent}/** ${oneLine(text).replaceAll('*/', '*\\/')} */\n` : '');

/** Attribute → its string-literal values (from the class's declared property type), for the editors. */
function literalValues(list) {
  const files = list.map((e) => join(ROOT, e.home));
  const program = ts.createProgram(files, { strict: true, noEmit: true, skipLibCheck: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext });
  const checker = program.getTypeChecker();
  const values = new Map();
  for (const e of list) {
    const source = program.getSourceFile(join(ROOT, e.home));
    const symbol = source && checker.getSymbolAtLocation(source);
    const cls = symbol && checker.getExportsOfModule(symbol).find((s) => s.name === e.decl.name);
    if (!cls) throw new Error(`${e.home}: no export ${e.decl.name}`);
    const instance = checker.getDeclaredTypeOfSymbol(cls.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(cls) : cls);
    for (const attr of e.decl.attributes ?? []) {
      const prop = attr.fieldName && instance.getProperty(attr.fieldName);
      if (!prop) continue;
      const type = checker.getNonNullableType(checker.getTypeOfSymbol(prop));
      const parts = type.isUnion() ? type.types : [type];
      if (parts.every((t) => t.isStringLiteral())) values.set(`${e.tag} ${attr.name}`, parts.map((t) => t.value));
    }
  }
  return values;
}

const list = elements().map((e) => ({ ...e, home: e.registeredIn.replace(/\.js$/, '.d.ts') }));
const values = literalValues(list);
const valuesOf = (tag, attr) => values.get(`${tag} ${attr}`);

// --- custom-elements-jsx.d.ts -----------------------------------------------------------

function jsxTypes() {
  // The registering module: it re-exports the class and declares the tag's events.
  const imports = list.map((e) => `import type { ${e.decl.name} } from './${e.registeredIn}';`).join('\n');
  const blocks = list.map(({ tag, decl }) => {
    const C = decl.name;
    const lines = [];
    const seen = new Set();
    for (const attr of decl.attributes ?? []) {
      if (!attr.fieldName) continue;
      seen.add(attr.name);
      lines.push(`${doc(attr.description)}  ${JSON.stringify(attr.name)}?: ${C}[${JSON.stringify(attr.fieldName)}];`);
    }
    for (const prop of properties(decl)) {
      if (seen.has(prop.name)) continue;
      lines.push(`${doc(prop.description)}  ${JSON.stringify(prop.name)}?: ${C}[${JSON.stringify(prop.name)}];`);
    }
    for (const event of decl.events ?? []) {
      lines.push(`${doc(event.description)}  ${JSON.stringify(`on${event.name}`)}?: (event: LaporEventMap[${JSON.stringify(event.name)}]) => void;`);
    }
    return `${doc(decl.summary || decl.description, '')}export type ${C}Props = LaporBaseProps & {\n${lines.join('\n')}\n};`;
  });
  const map = list.map(({ tag, decl }) => `${doc(decl.summary || decl.description)}  ${JSON.stringify(tag)}: ${decl.name}Props;`).join('\n');
  return `/**
 * JSX types for the \`lapor-*\` tags, generated from custom-elements.json by
 * scripts/manifest-outputs.mjs (do not edit). Framework-neutral: let your JSX's
 * IntrinsicElements extend \`CustomElements\`, e.g. for React 19:
 *
 * \`\`\`ts
 * import type { CustomElements } from 'lapor-widget/custom-elements-jsx';
 * declare module 'react' {
 *   namespace JSX {
 *     interface IntrinsicElements extends CustomElements {}
 *   }
 * }
 * \`\`\`
 *
 * Attributes take their kebab-case names (\`site-key\`), properties their own (\`siteKey\`);
 * \`onlapor-submit\` and the other \`onlapor-*\` props get the typed CustomEvent (React 19 and
 * Preact add them as listeners of \`lapor-submit\`, …). Registering the tags is still an
 * import of \`lapor-widget/define\` (or one element's entry).
 */
${imports}

/** What every \`lapor-*\` tag takes besides its own attributes. */
export type LaporBaseProps = {
  children?: unknown;
  class?: string;
  className?: string;
  id?: string;
  slot?: string;
  part?: string;
  exportparts?: string;
  hidden?: boolean;
  dir?: 'ltr' | 'rtl' | 'auto';
  title?: string;
  role?: string;
  tabIndex?: number;
  style?: string | object;
  key?: string | number | bigint | null;
  ref?: unknown;
  [data: \`data-\${string}\`]: unknown;
  [aria: \`aria-\${string}\`]: unknown;
};

${blocks.join('\n\n')}

/** Tag → props, for \`interface IntrinsicElements extends CustomElements {}\`. */
export type CustomElements = {
${map}
};
`;
}

// --- vscode.html-custom-data.json ----------------------------------------------------------

const README = 'https://www.npmjs.com/package/lapor-widget';
/** The markdown an editor shows on hover: description, then events, slots, parts, properties. */
function hoverText(decl) {
  const section = (title, items, name = (x) => `\`${x.name || '(default)'}\``) =>
    items?.length ? `\n\n**${title}:**\n${items.map((x) => `- ${name(x)}${x.description ? ` — ${oneLine(x.description)}` : ''}`).join('\n')}` : '';
  return (
    oneLine(decl.description || decl.summary) +
    section('Events', decl.events) +
    section('Slots', decl.slots) +
    section('CSS parts', decl.cssParts) +
    section('CSS custom properties', decl.cssProperties)
  );
}

function vscodeData() {
  return {
    $schema: 'https://raw.githubusercontent.com/microsoft/vscode-html-languageservice/main/docs/customData.schema.json',
    version: 1.1,
    tags: list.map(({ tag, decl }) => ({
      name: tag,
      description: { kind: 'markdown', value: hoverText(decl) },
      attributes: (decl.attributes ?? []).map((attr) => {
        const vals = valuesOf(tag, attr.name);
        return {
          name: attr.name,
          description: oneLine(attr.description) + (attr.default !== undefined ? ` Default: ${attr.default}.` : ''),
          ...(vals ? { values: vals.map((name) => ({ name })) } : {}),
        };
      }),
      references: [{ name: 'lapor-widget', url: README }],
    })),
  };
}

// --- web-types.json ---------------------------------------------------------------------

function webTypes() {
  return {
    $schema: 'https://json.schemastore.org/web-types',
    name: pkg.name,
    version: pkg.version,
    'description-markup': 'markdown',
    'js-types-syntax': 'typescript',
    contributions: {
      html: {
        elements: list.map(({ tag, decl, registeredIn }) => ({
          name: tag,
          description: oneLine(decl.description || decl.summary),
          'doc-url': README,
          source: { module: `./${registeredIn}`, symbol: decl.name },
          attributes: (decl.attributes ?? []).map((attr) => {
            const vals = valuesOf(tag, attr.name);
            return {
              name: attr.name,
              description: oneLine(attr.description),
              ...(attr.default !== undefined ? { default: attr.default } : {}),
              value: vals ? { type: vals.map((v) => JSON.stringify(v)).join(' | ') } : attr.type?.text === 'boolean' ? { type: 'boolean', required: false } : { type: attr.type?.text ?? 'string' },
            };
          }),
          events: (decl.events ?? []).map((e) => ({ name: e.name, description: oneLine(e.description), ...(e.type ? { type: e.type.text } : {}) })),
          slots: (decl.slots ?? []).map((s) => ({ name: s.name, description: oneLine(s.description) })),
          js: {
            properties: properties(decl).map((p) => ({ name: p.name, description: oneLine(p.description), ...(p.type ? { type: p.type.text } : {}) })),
            events: (decl.events ?? []).map((e) => ({ name: e.name, description: oneLine(e.description) })),
          },
          css: {
            parts: (decl.cssParts ?? []).map((p) => ({ name: p.name, description: oneLine(p.description) })),
            properties: (decl.cssProperties ?? []).map((p) => ({ name: p.name, description: oneLine(p.description) })),
          },
        })),
      },
    },
  };
}

const json = (value) => `${JSON.stringify(value, null, 2)}\n`;
writeFileSync(join(ROOT, 'custom-elements-jsx.d.ts'), jsxTypes());
writeFileSync(join(ROOT, 'vscode.html-custom-data.json'), json(vscodeData()));
writeFileSync(join(ROOT, 'web-types.json'), json(webTypes()));
