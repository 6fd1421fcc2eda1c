// .sql files are bundled as text by esbuild (loader '.sql': 'text') and by the jest transform.
declare module '*.sql' {
  const text: string;
  export default text;
}
