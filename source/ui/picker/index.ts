export {SessionPicker} from './SessionPicker.js';
export type {SessionPickerProps} from './SessionPicker.js';
export {SessionPickerView} from './SessionPickerView.js';
export type {SessionPickerViewProps} from './SessionPickerView.js';
