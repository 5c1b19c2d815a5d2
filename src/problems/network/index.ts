/** The finite-sum problems mlp and logistic: data sets, architectures, the float64 twin. */
export {
  DATASET_NAMES,
  digitsLoaded,
  loadDataset,
  loadDatasetAsync,
  MAX_CLASSES,
  MAX_FEATURE_VALUES,
  MAX_INPUTS,
  MAX_SAMPLES,
  parseCsvDataset,
  preloadDigits,
  splitDataset,
  splitIndices,
  type Dataset,
  type DatasetName,
  type DatasetSpec,
  type DatasetSplit,
  type RawDataset,
} from './dataset.ts';
export {
  INIT_SCHEMES,
  initialWeights,
  initStd,
  layerOffsets,
  networkArchitecture,
  NETWORK_MAX_LAYERS,
  NETWORK_MAX_PARAMETERS,
  NETWORK_MAX_UNITS,
  NETWORK_MAX_WIDTH,
  STREAM_NETWORK_INIT,
  type InitScheme,
  type NetworkArchitecture,
  type NetworkModel,
} from './architecture.ts';
export {
  createNetworkProblem,
  MAX_BATCH,
  type NetworkFieldValues,
  type NetworkProblem,
  type NetworkProblemSpec,
} from './network.ts';
export {
  bindNetworkProblem,
  NETWORK_MEAN_FIELD_CONTRACT,
  NetworkMeanField,
  networkModules,
  type NetworkMeanFieldResult,
} from './meanField.ts';
export { type NetworkDataSource, type NetworkPacked, type NetworkSplitArrays } from './gpuData.ts';
export {
  uploadNetworkProblem,
  type NetworkProblemBuffers,
  type NetworkUploadSource,
} from './gpuUpload.ts';
export { networkSpecFromFields, prepareNetworkSpec, type NetworkFields } from './flags.ts';
