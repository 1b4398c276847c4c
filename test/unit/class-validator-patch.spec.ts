import { IsInt, IsOptional, IsString, validateSync } from 'class-validator';

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
