// The Mocha globals Web Test Runner provides, typed just enough for these tests
// (@types/mocha is not a dependency of this project).
declare function describe(title: string, fn: () => void): void;
declare function it(title: string, fn: () => Promise<unknown> | void): void;
declare function beforeEach(fn: () => Promise<unknown> | void): void;
declare function afterEach(fn: () => Promise<unknown> | void): void;
declare function after(fn: () => Promise<unknown> | void): void;
declare function before(fn: () => Promise<unknown> | void): void;
