import type { JurisdictionInfo } from './federationMembers.ts';

/** The values of `{{key}}`, `{{Prefix}}`, `{{code}}`, `{{name}}` and `{{nameEn}}` for one jurisdiction. */
export function jurisdictionPlaceholders(side: JurisdictionInfo): Record<string, string> {
  return { key: side.key, Prefix: side.typePrefix, code: side.code, name: side.name, nameEn: side.nameEn };
}

/** The text with each `{{name}}` replaced by its value; unknown names stay as they are. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (placeholder, name: string) => values[name] ?? placeholder);
}
