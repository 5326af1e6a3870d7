// A registered operation, bundled by vite/registeredOperations.ts.
declare module '*.graphql' {
  const operation: import('../vite/registeredOperations.ts').RegisteredDocument;
  export default operation;
}
