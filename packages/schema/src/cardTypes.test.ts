import { describe, expect, it } from 'vitest';
import { CARD_TYPES, LINK_TYPE_OF, MAX_TEXT_LENGTH, TEXT_FIELDS, textFieldTable } from './cardTypes.ts';
import { REFERENCE_RULES } from './referenceRules.ts';
import { patroonkaartShapeSchemas } from './shapeProps.ts';
import { SHAPE_TYPES } from './shapeTypes.ts';
import { createPatroonkaartSchema } from './storeSchema.ts';

type Validators = Record<string, { validate(v: unknown): unknown }>;

describe('CARD_TYPES', () => {
  it('has an entry for every shape type in SHAPE_TYPES, and for nothing else', () => {
    for (const type of SHAPE_TYPES) expect(CARD_TYPES[type], type).toBeDefined();
    expect(Object.keys(CARD_TYPES).sort()).toEqual([...SHAPE_TYPES].sort());
  });

  it('lists as text fields only string props of the card, each held to MAX_TEXT_LENGTH', () => {
    for (const type of SHAPE_TYPES) {
      const props = patroonkaartShapeSchemas[type].props as Validators;
      expect(CARD_TYPES[type].textFields.length, type).toBeGreaterThan(0);
      for (const field of CARD_TYPES[type].textFields) {
        const prop = field.slice('props.'.length);
        expect(props[prop], `${type} ${field}`).toBeDefined();
        expect(() => props[prop]!.validate('x'.repeat(MAX_TEXT_LENGTH))).not.toThrow();
        expect(() => props[prop]!.validate('x'.repeat(MAX_TEXT_LENGTH + 1))).toThrow();
      }
    }
  });

  it('gives every card a positive default size', () => {
    for (const type of SHAPE_TYPES) {
      const { w, h } = CARD_TYPES[type].size;
      expect(w > 0 && h > 0, type).toBe(true);
    }
  });

  it('links cards only by binding types the store schema knows, each with its reference rules', () => {
    const schema = createPatroonkaartSchema() as unknown as {
      serialize(): { sequences: Record<string, number> };
    };
    const sequences = Object.keys(schema.serialize().sequences);
    expect(Object.keys(LINK_TYPE_OF).sort()).toEqual(['behaviour', 'first-step']);
    for (const [card, link] of Object.entries(LINK_TYPE_OF)) {
      expect(sequences, link).toContain(`com.tldraw.binding.${link}`);
      const rules = REFERENCE_RULES.filter((r) => r.shapeType === link);
      expect(rules.map((r) => r.field).sort(), link).toEqual(['fromId', 'toId']);
      const from = rules.find((r) => r.field === 'fromId')!;
      expect(from.accepts({ typeName: 'shape', type: card })).toBe(true);
    }
  });
});

describe('textFieldTable', () => {
  it('keys each card type as a shape record type', () => {
    expect(TEXT_FIELDS).toEqual({
      'shape/loop-step': ['props.text'],
      'shape/behaviour': ['props.name', 'props.utterance'],
      'shape/first-step': ['props.what', 'props.who'],
      'shape/pattern-title': ['props.text'],
    });
    expect(textFieldTable({ note: { textFields: ['props.body'] } })).toEqual({
      'shape/note': ['props.body'],
    });
  });
});
