export {
  arabidopsis,
  cake,
  cbpp,
  dyestuff,
  dyestuff2,
  grouseticks,
  insteval,
  pastes,
  penicillin,
  sleepstudy,
  verbagg,
} from "./datasets";
export type { DatasetColumnInfo, DatasetInfo, DatasetName } from "./load-dataset";
export { datasetInfo, datasetNames, loadDataset } from "./load-dataset";
