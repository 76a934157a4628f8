declare module 'virtual:basemap' {
  const countries: GeoJSON.FeatureCollection;
  export default countries;
}
