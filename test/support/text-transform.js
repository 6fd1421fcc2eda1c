// Jest transform for .sql files: the module's default export is the file's text, as esbuild's text loader does.
module.exports = {
  process(source) {
    return { code: `module.exports = ${JSON.stringify(source)}; module.exports.default = module.exports;` };
  },
};
