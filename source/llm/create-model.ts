import type {Config} from '../config.js';
import {OfflineModel} from './offline-model.js';
import {OpenAIModel} from './openai-model.js';
import type {ChatModel} from './types.js';

/** The model the flags ask for: the built-in offline one, or OpenAI / a compatible server (SDK loaded on first use). */
export function createModel(config: Pick<Config, 'offline' | 'model' | 'baseURL' | 'apiKey' | 'stallTimeoutMs'>): ChatModel {
	if (config.offline) return new OfflineModel();
	return new OpenAIModel({
		model: config.model,
		baseURL: config.baseURL,
		apiKey: config.apiKey,
		stallTimeoutMs: config.stallTimeoutMs,
	});
}
