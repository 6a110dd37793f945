/** 上传自然人信息 / 上传法人信息 / 上传主代办人信息 (to be built). */
export function MaterialsUploadPage() {
  return null;
}
