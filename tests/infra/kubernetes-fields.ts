/**
 * Finds fields Kubernetes does not know (a misspelt `readinessprobe` is dropped or refused by the API
 * server, and the JSON schemas of `kubernetes-models` allow extra properties, so schema validation
 * alone passes it). Each object is checked as an object literal against its type in the
 * `kubernetes-models` declarations, where TypeScript reports every property the type does not have.
 */
import path from 'node:path';
import ts from 'typescript';
import type { KubernetesObject } from './kustomize-build.js';

// The declaration of each kind the manifests use: module and interface.
const TYPES: Record<string, [string, string]> = {
  'apps/v1 Deployment': ['kubernetes-models/apps/v1/Deployment', 'IDeployment'],
  'autoscaling/v2 HorizontalPodAutoscaler': [
    'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler',
    'IHorizontalPodAutoscaler',
  ],
  'batch/v1 Job': ['kubernetes-models/batch/v1/Job', 'IJob'],
  'networking.k8s.io/v1 Ingress': ['kubernetes-models/networking.k8s.io/v1/Ingress', 'IIngress'],
  'networking.k8s.io/v1 NetworkPolicy': [
    'kubernetes-models/networking.k8s.io/v1/NetworkPolicy',
    'INetworkPolicy',
  ],
  'policy/v1 PodDisruptionBudget': [
    'kubernetes-models/policy/v1/PodDisruptionBudget',
    'IPodDisruptionBudget',
  ],
  'v1 ConfigMap': ['kubernetes-models/v1/ConfigMap', 'IConfigMap'],
  'v1 Service': ['kubernetes-models/v1/Service', 'IService'],
};

/**
 * Fields of the objects that their Kubernetes types do not have, and values of the wrong type;
 * empty when every field is known.
 * @param objects - rendered objects
 */
export function unknownFieldErrors(objects: KubernetesObject[]): string[] {
  // A file that exists only in memory, beside this one so that `kubernetes-models` resolves from it.
  const file = path.join(import.meta.dirname, '__manifests__.ts');
  const lines: string[] = [];
  const owners: string[] = [];
  const errors: string[] = [];
  for (const [index, object] of objects.entries()) {
    const type = TYPES[`${object.apiVersion} ${object.kind}`];
    const where = `${object.kind}/${object.metadata.name}`;
    if (!type) {
      errors.push(`${where}: ${object.apiVersion} ${object.kind} is not a kind these checks know`);
      continue;
    }
    lines.push(`import type { ${type[1]} as T${index} } from '${type[0]}';`);
    // One line per object, so a diagnostic's line names its object.
    lines.push(`export const o${index} = ${JSON.stringify(object)} satisfies T${index};`);
    owners[lines.length - 1] = where;
  }
  const source = lines.join('\n');
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    lib: ['lib.es2022.d.ts'],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => (name === file ? source : readFile(name));
  host.fileExists = (name) => name === file || ts.sys.fileExists(name);
  host.getSourceFile = (name, language) =>
    name === file ? ts.createSourceFile(name, source, language) : getSourceFile(name, language);
  const program = ts.createProgram([file], options, host);
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    if (diagnostic.file?.fileName !== file || diagnostic.start === undefined) {
      errors.push(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      continue;
    }
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
    errors.push(`${owners[line] ?? 'line ' + String(line)}: ${message}`);
  }
  return errors;
}
