// wgsl_reflect's `main` is a minified CommonJS build whose named exports Node cannot see;
// its ES module build is imported by path instead (see docs/architecture.md).
declare module 'wgsl_reflect/wgsl_reflect.module.js' {
  export * from 'wgsl_reflect';
}
