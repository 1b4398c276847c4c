import {
  IsDefined,
  IsInt,
  IsOptional,
  IsString,
  ValidateIf,
  ValidateNested,
  validateSync,
} from 'class-validator';

/** patches/class-validator+*.patch remembers each class's validation metadatas: still every rule, always. */
class Base {
  @IsString() name!: unknown;
}
class Child extends Base {
  @IsInt() count!: unknown;
}
class Grouped {
  @IsString({ groups: ['a'] }) onlyA!: unknown;
  @IsOptional() @IsInt() always!: unknown;
}

const failing = (object: object, groups?: string[]) =>
  validateSync(object, groups ? { groups } : {}).map((e) => e.property);

describe('class-validator with remembered metadatas', () => {
  it('applies inherited rules, and each group set its own rules, on every call', () => {
    for (let i = 0; i < 3; i++) {
      expect(failing(Object.assign(new Child(), { name: 1, count: 'x' }))).toEqual(['count', 'name']);
      expect(failing(Object.assign(new Base(), { name: 1 }))).toEqual(['name']);
      expect(failing(Object.assign(new Grouped(), { onlyA: 1 }), ['a'])).toEqual(['onlyA']);
      expect(failing(Object.assign(new Grouped(), { onlyA: 1 }), ['b'])).toEqual([]);
      expect(failing(Object.assign(new Grouped(), { onlyA: 1 }))).toEqual(['onlyA']); // no groups: all rules
    }
  });

  it('keeps conditions, required fields and nested rules apart per property, call after call', () => {
    class Line {
      @IsInt() qty!: unknown;
    }
    class Order {
      @IsDefined() @IsString() code!: unknown;
      @ValidateIf((o: Order) => o.code === 'x') @IsInt() onlyForX!: unknown;
      @ValidateNested({ each: true }) lines!: unknown;
    }
    const order = (values: Partial<Order>) => Object.assign(new Order(), { lines: [], ...values });
    for (let i = 0; i < 3; i++) {
      expect(failing(order({ code: 'y', onlyForX: 'no' }))).toEqual([]);
      expect(failing(order({ code: 'x', onlyForX: 'no' }))).toEqual(['onlyForX']);
      expect(failing(order({ onlyForX: 1 }))).toEqual(['code']);
      const withLines = order({ code: 'y', lines: [Object.assign(new Line(), { qty: 'many' })] });
      expect(validateSync(withLines)[0].children?.[0].children?.[0].property).toBe('qty');
    }
  });

  it('sees a rule added after a class was validated', () => {
    class Late {
      @IsString() title!: unknown;
      extra!: unknown;
    }
    expect(failing(Object.assign(new Late(), { title: 't', extra: 'x' }))).toEqual([]);
    IsInt()(Late.prototype, 'extra');
    expect(failing(Object.assign(new Late(), { title: 't', extra: 'x' }))).toEqual(['extra']);
  });
});
