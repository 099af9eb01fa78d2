/** Kept in step with package.json by a unit test (reading package.json at run time breaks bundling). */
export const PRODUCT_NAME = 'Lightning Cube Migration Assistant'
export const PRODUCT_NAME_ZH = '闪电立方迁移助手'
export const PRODUCT_VERSION = '0.1.0'
