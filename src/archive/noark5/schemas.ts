import { fileURLToPath } from 'node:url';

/**
 * Arkivverket's official Noark 5 v5.0 schemas and arkivuttrekk template, byte for byte (CRLF line
 * ends included; .gitattributes keeps git off them). Every extraction carries the XSDs unchanged
 * (krav 6.4.16–6.4.19) and is validated against them before it is handed out.
 */
export const SCHEMAS_DIR = fileURLToPath(new URL('./schemas/', import.meta.url));

export const TEMPLATE_FILE = 'arkivuttrekk-mal-v5_0.xml';

/** Each XML file of an extraction and the XSD it is validated against. */
export const XML_FILES = {
  arkivstruktur: 'arkivstruktur.xsd',
  endringslogg: 'endringslogg.xsd',
  loependeJournal: 'loependeJournal.xsd',
  offentligJournal: 'offentligJournal.xsd',
  arkivuttrekk: 'addml.xsd',
} as const;

export type XmlFile = keyof typeof XML_FILES;

/** Every schema in the package: the five main ones and the metadata catalogue they import. */
export const XSD_FILES = ['addml.xsd', 'arkivstruktur.xsd', 'metadatakatalog.xsd', 'endringslogg.xsd', 'loependeJournal.xsd', 'offentligJournal.xsd'] as const;

export const NAMESPACES = {
  arkivstruktur: 'http://www.arkivverket.no/standarder/noark5/arkivstruktur',
  endringslogg: 'http://www.arkivverket.no/standarder/noark5/endringslogg',
  loependeJournal: 'http://www.arkivverket.no/standarder/noark5/loependeJournal',
  offentligJournal: 'http://www.arkivverket.no/standarder/noark5/offentligJournal',
} as const;

/** The root element's attributes: namespace, xsi, and where the schema is (next to the file). */
export function rootAttributes(file: keyof typeof NAMESPACES): Record<string, string> {
  return {
    xmlns: NAMESPACES[file],
    'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    'xsi:schemaLocation': `${NAMESPACES[file]} ${XML_FILES[file]}`,
  };
}
